"""Forms of the application form's pages.

Each form validates one page and names the field at fault in Chinese; a
draft may be saved incomplete (the guard of ``submit`` lists what is still
missing), but what is entered must be well-formed. Row forms (investment
items, workshops, scenarios, contacts) come as formsets with one blank row
to add to and a "删除" box per row.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from smartmfg.applications.models import Application, AttachmentKind
from smartmfg.applications.uploads import check_upload
from smartmfg.enterprises.actions import do_save_profile
from smartmfg.enterprises.forms import EnterpriseProfileForm
from smartmfg.enterprises.models import Enterprise
from smartmfg.lib.choices import bilingual_choices
from smartmfg.lib.validators import validate_uscc
from smartmfg.rules import facts
from smartmfg.rules.divisions import JILIN, JILIN_DIVISIONS
from smartmfg.rules.identifiers import normalise_uscc
from smartmfg.workflow.forms import MultipleFileField

# The kinds of files the enterprise attaches itself (the others belong to steps of the procedure).
ENTERPRISE_KINDS = (
    AttachmentKind.APPLICATION_FORM,
    AttachmentKind.AUDIT_REPORT,
    AttachmentKind.INVOICE_LIST,
    AttachmentKind.CREDIT_REPORT,
    AttachmentKind.SELF_ASSESSMENT,
    AttachmentKind.OTHER,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def division_choices(current: str = "") -> list[tuple[str, Any]]:
    """Jilin's divisions grouped by prefecture; a stored code outside the list stays selectable."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for division in JILIN_DIVISIONS.values():
        if division.level == "prefecture":
            groups.setdefault(division.code, []).insert(0, (division.code, f"{division.name}（{division.code}）"))
        elif division.level == "county" and division.parent:
            parent = JILIN_DIVISIONS[division.parent].name
            groups.setdefault(division.parent, []).append(
                (division.code, f"{parent}{division.name}（{division.code}）")
            )
    choices: list[tuple[str, Any]] = [("", _("请选择"))]
    for code, options in groups.items():
        choices.append((JILIN_DIVISIONS[code].name, options))
    if current and current not in JILIN_DIVISIONS:
        choices.append((current, current))
    elif current == JILIN:
        choices.append((JILIN, "吉林省（220000）"))
    return choices


class ReadOnlyMixin:
    """``disabled=True`` shows the form without letting it change anything."""

    fields: dict[str, forms.Field]

    def disable(self) -> None:
        for field in self.fields.values():
            field.disabled = True


class ProjectForm(ReadOnlyMixin, forms.ModelForm[Application]):
    """第五条至第七条第1款: the project, where it is built, and whether it is in production."""

    class Meta:
        model = Application
        fields = (
            "project_name",
            "project_division",
            "project_address",
            "project_summary",
            "construction_status",
            "production_started_on",
            "expected_completion_on",
        )
        widgets = {
            "production_started_on": DATE_INPUT,
            "expected_completion_on": DATE_INPUT,
            "project_summary": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "project_division": _("项目实际建设和运营所在地，须在吉林省内（第四条）"),
            "construction_status": _(
                "已建成投产的按认定通道评审；正在实施改造、预计在期限前建成投产的纳入培育阶段（第五条至第七条第1款）"
            ),
            "production_started_on": _("建设状态为“已建成投产”时填写"),
            "expected_completion_on": _("建设状态为“正在实施改造”时填写"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.project_division if self.instance else ""
        self.fields["project_division"].widget = forms.Select(choices=division_choices(current))
        _choices(self.fields["construction_status"]).choices = [
            ("", _("请选择")),
            *facts_choices(facts.PROJECT_STATUS_LABELS),
        ]
        self.fields["construction_status"].widget.attrs["data-construction-status"] = ""

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        # Only the date that goes with the status is kept: the other one would
        # otherwise travel into the submission and contradict it.
        status = data.get("construction_status")
        if status == "in_production":
            data["expected_completion_on"] = None
            started = data.get("production_started_on")
            if started is not None and started > timezone.localdate():
                self.add_error("production_started_on", _("已建成投产的项目，投产日期不能晚于今天"))
        elif status == "under_construction":
            data["production_started_on"] = None
        return data


def facts_choices(table: Any) -> list[tuple[Any, Any]]:
    return list(bilingual_choices(table))


def _choices(field: forms.Field) -> forms.ChoiceField:
    """A field known to offer choices (the type checker cannot tell from ``fields[name]``)."""
    return cast(forms.ChoiceField, field)


class MaturityForm(ReadOnlyMixin, forms.ModelForm[Application]):
    """第五条至第七条第2款 and §4: the GB/T 39116-2020 self-assessment on the national platform."""

    maturity_level = forms.TypedChoiceField(
        label=_("智能制造能力成熟度等级"),
        choices=(),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("按GB/T 39116-2020《智能制造能力成熟度模型》自评估的等级"),
    )
    maturity_score = forms.DecimalField(
        label=_("自评估得分"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("5"),
        required=False,
        help_text=_("0至5分，最多两位小数"),
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
        error_messages={
            "min_value": _("得分不能为负数"),
            "max_value": _("得分最高为5分"),
            "max_decimal_places": _("最多两位小数"),
        },
    )

    class Meta:
        model = Application
        fields = ("maturity_level", "maturity_score", "maturity_assessed_on", "maturity_report_no")
        widgets = {"maturity_assessed_on": DATE_INPUT}
        help_texts = {"maturity_report_no": _("智能制造评估评价公共服务平台出具的自评估报告编号")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = [
            (level, f"{level}{gettext('级')} {label}") for level, label in facts_choices(facts.MATURITY_LEVEL_LABELS)
        ]
        _choices(self.fields["maturity_level"]).choices = [("", _("请选择")), *levels]

    def clean_maturity_assessed_on(self) -> Any:
        day = self.cleaned_data.get("maturity_assessed_on")
        if day is not None and day > timezone.localdate():
            raise ValidationError(_("自评估日期不能晚于今天"))
        return day


# ---------------------------------------------------------------- row forms


class InvestmentForm(forms.Form):
    """One investment item (项目软硬件投资), amounts in yuan with two decimals."""

    occurred_on = forms.DateField(label=_("日期"), widget=DATE_INPUT)
    category = forms.ChoiceField(label=_("投资类别"), choices=())
    amount = forms.DecimalField(
        label=_("金额（元）"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0.01", "inputmode": "decimal"}),
        error_messages={"min_value": _("金额应大于0"), "max_decimal_places": _("最多两位小数")},
    )
    status = forms.ChoiceField(label=_("完成情况"), choices=())
    invoice_no = forms.CharField(label=_("发票号码"), max_length=64, required=False)
    description = forms.CharField(label=_("内容"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["category"]).choices = [
            ("", _("请选择")),
            *facts_choices(facts.INVESTMENT_CATEGORY_LABELS),
        ]
        _choices(self.fields["status"]).choices = [("", _("请选择")), *facts_choices(facts.INVESTMENT_STATUS_LABELS)]


class WorkshopForm(forms.Form):
    """第六条第3款: a digital workshop (production line) the smart factory manages."""

    name = forms.CharField(label=_("车间（生产线）名称"), max_length=128)
    description = forms.CharField(label=_("建设内容"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ScenarioForm(forms.Form):
    """第七条第3款: a typical scenario, in one of the areas the article lists (or 其他)."""

    area = forms.ChoiceField(label=_("场景领域"), choices=())
    title = forms.CharField(label=_("场景名称"), max_length=128)
    description = forms.CharField(label=_("建设内容"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["area"]).choices = [("", _("请选择")), *facts_choices(facts.SCENARIO_AREA_LABELS)]


class AvoidedForm(forms.Form):
    """第九条: an organisation whose employees must not review the application (a competitor, supplier, consultant)."""

    name = forms.CharField(label=_("单位名称"), max_length=128)
    uscc = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=18,
        required=False,
        validators=[validate_uscc],
        help_text=_("知道时填写"),
    )
    relation = forms.CharField(label=_("关系"), max_length=64, help_text=_("如：竞争对手、供应商、咨询服务机构"))

    def clean_uscc(self) -> str:
        return normalise_uscc(self.cleaned_data["uscc"])


PHONE = RegexValidator(r"^[0-9+\-() 转]{7,32}$", _("请填写有效的电话号码（数字，可含区号和“-”）"))


class ContactForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=64)
    title = forms.CharField(label=_("职务"), max_length=64, required=False)
    phone = forms.CharField(label=_("电话"), max_length=32, validators=[PHONE])
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    is_primary = forms.BooleanField(label=_("主要联系人"), required=False)


class RowFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    """A formset of rows: one blank row to add to, and a 删除 box on each."""

    def __init__(self, *args: Any, readonly: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.readonly = readonly
        if readonly:
            self.extra = 0  # no blank row to add to (read before the forms are built)
            for form in self.forms:
                for field in form.fields.values():
                    field.disabled = True

    def kept(self) -> list[dict[str, Any]]:
        """The cleaned rows, in order, without the deleted and the blank ones."""
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            rows.append({k: v for k, v in data.items() if k != "DELETE"})
        return rows

    def row_errors(self) -> list[dict[str, Any]]:
        """Every error as (row number, field label, field id, message), for the summary."""
        errors: list[dict[str, Any]] = [
            {"row": None, "label": "", "id": "", "message": e} for e in self.non_form_errors()
        ]
        for n, form in enumerate(self.forms, 1):
            for message in form.non_field_errors():
                errors.append({"row": n, "label": "", "id": "", "message": message})
            for name, field_errors in form.errors.items():
                if name == "__all__":
                    continue
                field = form[name]
                for message in field_errors:
                    errors.append({"row": n, "label": field.label, "id": field.auto_id, "message": message})
        return errors


class ContactFormSetBase(RowFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        primaries = [row for row in self.kept() if row.get("is_primary")]
        if len(primaries) > 1:
            raise ValidationError(_("“主要联系人”只能勾选一位"))


def _formset(form: type[forms.Form], base: type[RowFormSet] = RowFormSet) -> type[RowFormSet]:
    formset = forms.formset_factory(form, formset=base, extra=1, can_delete=True, max_num=1000, validate_max=True)
    return cast(type[RowFormSet], formset)


InvestmentFormSet = _formset(InvestmentForm)
WorkshopFormSet = _formset(WorkshopForm)
ScenarioFormSet = _formset(ScenarioForm)
AvoidedFormSet = _formset(AvoidedForm)
ContactFormSet = _formset(ContactForm, ContactFormSetBase)


# The stored columns each formset edits, in its columns' order.
INVESTMENT_FIELDS = ("occurred_on", "category", "amount", "status", "invoice_no", "description")
WORKSHOP_FIELDS = ("name", "description")
SCENARIO_FIELDS = ("area", "title", "description")
AVOIDED_FIELDS = ("name", "uscc", "relation")
CONTACT_FIELDS = ("name", "title", "phone", "email", "is_primary")


def rows_initial(rows: Iterable[Any], fields: Iterable[str]) -> list[dict[str, Any]]:
    """Initial data of a formset from stored rows."""
    names = list(fields)
    return [{name: getattr(row, name) for name in names} for row in rows]


class ProfileForms:
    """The enterprise's profile and its contacts, validated together so bad input in either saves neither."""

    def __init__(self, data: Any, company: Enterprise, *, readonly: bool) -> None:
        # The form writes onto its instance while validating: give it a copy, the page shows the stored one.
        self.form = EnterpriseProfileForm(data, instance=copy.copy(company))
        # A post without the contacts table (an older form) leaves the contacts as they are.
        with_contacts = data is not None and "contacts-TOTAL_FORMS" in data
        self.contacts = ContactFormSet(
            data if with_contacts else None,
            initial=rows_initial(company.contacts.all(), CONTACT_FIELDS),
            prefix="contacts",
            readonly=readonly,
        )
        if readonly:
            for field in self.form.fields.values():
                field.disabled = True

    def is_valid(self) -> bool:
        return bool(self.form.is_valid()) and (not self.contacts.is_bound or self.contacts.is_valid())

    def save(self, company: Enterprise, *, actor: Any) -> None:
        """Through the profile's one action, once valid."""
        contacts = self.contacts.kept() if self.contacts.is_bound else None
        do_save_profile(company, self.form.cleaned_data, contacts, actor=actor)


# ------------------------------------------------------------------ files


class AttachmentForm(forms.Form):
    """Files of one kind; each is checked (size, type read from its content) before any is kept."""

    kind = forms.ChoiceField(label=_("材料类别"), choices=())
    documents = MultipleFileField(label=_("文件"), help_text=_("可一次选择多个文件"))

    def __init__(self, *args: Any, max_mb: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_mb = max_mb
        _choices(self.fields["kind"]).choices = [("", _("请选择")), *[(k.value, k.label) for k in ENTERPRISE_KINDS]]
        self.fields["documents"].help_text = _(
            "可一次选择多个文件；单个文件不超过 %(max)d MB；PDF、图片、Word、Excel 等"
        ) % {"max": max_mb}

    def clean_documents(self) -> list[Any]:
        uploads: list[Any] = self.cleaned_data.get("documents") or []
        if not uploads:
            raise ValidationError(_("请选择要上传的文件"))
        problems: list[str] = []
        for upload in uploads:
            try:
                check_upload(upload, max_mb=self.max_mb, field="documents")
            except ValidationError as error:
                for message in error.message_dict.get("documents", []):
                    problems.append(f"“{upload.name}”：{message}")
        if problems:
            raise ValidationError(problems)
        return uploads


class InvestmentUploadForm(forms.Form):
    sheet = forms.FileField(
        label=_("投资明细Excel文件"),
        help_text=_("使用下载的模板填写，.xlsx格式；上传后替换现有的全部投资明细"),
    )


class CommitmentForm(ReadOnlyMixin, forms.Form):
    accept = forms.BooleanField(
        label=_("本单位已阅读上述承诺书的全部内容，同意并作出以上承诺"),
        error_messages={"required": _("请勾选确认承诺书")},
    )
