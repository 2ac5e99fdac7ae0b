"""Forms of the Department's expert pool (第九条): the record, its status, conflicts, waivers and ratings.

Each form names the field at fault in Chinese; the actions check again and
their refusals land on the same fields (``lib.forms.add_errors``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from smartmfg.enterprises.industries import DIVISIONS, MANUFACTURING, SECTIONS
from smartmfg.enterprises.models import Enterprise, ManufacturingType
from smartmfg.experts.actions.conflicts import DECLARABLE
from smartmfg.experts.actions.pool import EDITABLE
from smartmfg.experts.models import DETECTED_KINDS, Expert, ExpertStatus
from smartmfg.experts.spreadsheet import MAX_BYTES
from smartmfg.rules.divisions import JILIN_DIVISIONS, full_name
from smartmfg.rules.experts.conflicts import detected_kinds
from smartmfg.rules.experts.identity import mask_resident_id, normalise_resident_id
from smartmfg.rules.identifiers import normalise_uscc

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SCORES = [("", _("请选择")), *[(n, str(n)) for n in range(5, 0, -1)]]


def industry_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """GB/T 4754-2017 by section, manufacturing first: the section itself (the whole of it), then its divisions."""
    groups: dict[str, list[tuple[str, str]]] = {s: [(s, f"{s} {name}（整个门类）")] for s, name in SECTIONS.items()}
    for code, (section, name) in DIVISIONS.items():
        groups[section].append((code, f"{code} {name}"))
    order = [MANUFACTURING] + [s for s in SECTIONS if s != MANUFACTURING]
    return [(f"{s} {SECTIONS[s]}", groups[s]) for s in order]


def division_options() -> list[tuple[str, str]]:
    """Jilin's prefectures and counties offered as suggestions; any GB/T 2260 code may be typed."""
    return [(code, full_name(code)) for code, d in JILIN_DIVISIONS.items() if d.level != "province"]


class ExpertForm(forms.ModelForm[Expert]):
    """Every field of an expert's record the Department edits; the code is given once and never changes.

    On an existing record the resident ID is not shown: left blank it stays
    as it is (the page shows it masked).
    """

    industries = forms.MultipleChoiceField(
        label=_("熟悉的行业"),
        choices=industry_choices,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("GB/T 4754-2017 门类或大类，可多选（按住 Ctrl 或 ⌘ 键点选）"),
    )
    manufacturing = forms.MultipleChoiceField(
        label=_("制造类型经验"), choices=ManufacturingType.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Expert
        fields = EDITABLE
        widgets = {
            "resident_id": forms.TextInput(attrs={"autocomplete": "off", "maxlength": 18, "spellcheck": "false"}),
            "employer_uscc": forms.TextInput(attrs={"maxlength": 18, "spellcheck": "false"}),
            "division": forms.TextInput(attrs={"list": "division-options", "inputmode": "numeric", "maxlength": 6}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off", "maxlength": 11}),
            "term_start": DATE_INPUT,
            "term_end": DATE_INPUT,
        }
        help_texts = {
            "resident_id": _("18位，最后一位为校验码；仅省工信厅可见"),
            "division": _("GB/T 2260 六位行政区划代码，如 220102"),
            "phone": _("11位手机号码"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].empty_label = _("请选择")  # type: ignore[attr-defined]
        self.fields["title"].choices = [("", _("请选择")), *self.fields["title"].choices[1:]]  # type: ignore[attr-defined]
        if self.instance.pk:
            field = self.fields["resident_id"]
            field.required = False
            field.help_text = _("当前为 %(masked)s；留空表示不修改") % {
                "masked": mask_resident_id(self.instance.resident_id)
            }
            self.initial["resident_id"] = ""

    def clean_resident_id(self) -> str:
        value = normalise_resident_id(self.cleaned_data.get("resident_id") or "")
        if not value and self.instance.pk:
            return self.instance.resident_id
        return value

    def clean_employer_uscc(self) -> str:
        return normalise_uscc(self.cleaned_data.get("employer_uscc") or "")

    def clean_phone(self) -> str:
        return (self.cleaned_data.get("phone") or "").strip()

    def clean_division(self) -> str:
        return (self.cleaned_data.get("division") or "").strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("聘期结束不能早于聘期开始"))
        return data

    def values(self) -> dict[str, Any]:
        """What the actions take: every editable field, cleaned."""
        return {name: self.cleaned_data[name] for name in EDITABLE}


class ExpertEditForm(ExpertForm):
    """The record as above, with why it is changed (kept with the change in the audit trail)."""

    reason = forms.CharField(
        label=_("修改原因"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("记入专家信息的修改记录"),
    )

    def changed_fields(self) -> list[str]:
        return [name for name in self.changed_data if name != "reason"]


class StatusForm(forms.Form):
    """在库, 暂停 or 出库; a suspension or a retirement says why."""

    status = forms.ChoiceField(label=_("状态"), choices=ExpertStatus.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("原因"),
        required=False,
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("暂停或出库时必填"),
    )

    def __init__(self, *args: Any, expert: Expert, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"status": expert.status, "reason": expert.status_reason})
        super().__init__(*args, **kwargs)
        self.expert = expert

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        status, reason = data.get("status"), (data.get("reason") or "").strip()
        data["reason"] = reason
        if status and status != ExpertStatus.ACTIVE and not reason:
            self.add_error("reason", _("请说明暂停或出库的原因"))
        elif status == self.expert.status and reason == self.expert.status_reason:
            self.add_error("status", _("状态和原因都没有变化"))
        return data


class EnterpriseField(forms.CharField):
    """An enterprise of the Department's list, typed by its credit code or its full name."""

    def __init__(self, *, queryset: QuerySet[Enterprise] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("企业"))
        kwargs.setdefault("max_length", 128)
        kwargs.setdefault("help_text", _("填写统一社会信用代码或企业全称"))
        super().__init__(**kwargs)
        self.queryset = queryset if queryset is not None else Enterprise.objects.none()

    def clean(self, value: Any) -> Enterprise:
        text = str(super().clean(value)).strip()
        found = list(self.queryset.filter(Q(uscc=normalise_uscc(text)) | Q(name=text)).order_by("pk")[:2])
        if not found:
            raise ValidationError(_("没有名称或统一社会信用代码为“%(text)s”的企业"), params={"text": text})
        if len(found) > 1:
            raise ValidationError(_("有多家企业名为“%(text)s”，请填写统一社会信用代码"), params={"text": text})
        return found[0]


class ConflictForm(forms.Form):
    """A conflict the Department adds (回避): a hard constraint on every draw and panel."""

    enterprise = EnterpriseField()
    kind = forms.ChoiceField(
        label=_("回避情形"), choices=[("", _("请选择")), *[(k.value, k.label) for k in DECLARABLE]]
    )
    evidence = forms.CharField(label=_("说明及依据"), widget=forms.Textarea(attrs={"rows": 3}))
    started_on = forms.DateField(label=_("起始日期"), required=False, widget=DATE_INPUT)
    ended_on = forms.DateField(
        label=_("终止日期"), required=False, widget=DATE_INPUT, help_text=_("任职、担任董事等情形终止后三年内仍须回避")
    )

    def __init__(self, *args: Any, enterprises: QuerySet[Enterprise], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "conflict_%s")
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("终止日期不能早于起始日期"))
        return data


class WaiverForm(forms.Form):
    """The Department sets aside a conflict found by rule (同一单位, 属地), with its reason."""

    enterprise = EnterpriseField()
    kind = forms.ChoiceField(
        label=_("回避情形"), choices=[("", _("请选择")), *[(k.value, k.label) for k in DETECTED_KINDS]]
    )
    reason = forms.CharField(label=_("不予回避的理由"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, expert: Expert, enterprises: QuerySet[Enterprise], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "waiver_%s")
        super().__init__(*args, **kwargs)
        self.expert = expert
        self.fields["enterprise"].queryset = enterprises  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        enterprise, kind = data.get("enterprise"), data.get("kind")
        if enterprise is not None and kind:
            found = detected_kinds(
                self.expert.employer_uscc, enterprise.uscc, enterprise.registered_division, local=True
            )
            if kind not in found:
                self.add_error("kind", _("规则未识别出该专家与该企业存在此回避情形，无需豁免"))
        return data


class RatingForm(forms.Form):
    """一项目一评价: one expert's work in one call, each criterion from 1 to 5."""

    timeliness = forms.TypedChoiceField(label=_("及时性"), choices=SCORES, coerce=int)
    diligence = forms.TypedChoiceField(label=_("认真程度"), choices=SCORES, coerce=int)
    notes = forms.CharField(label=_("评价意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, expert: Expert, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"expert-{expert.pk}")
        super().__init__(*args, **kwargs)
        self.expert = expert
        # The inputs sit in the cells of the expert's table row; each row posts its own form.
        for field in self.fields.values():
            field.widget.attrs["form"] = f"rate-{expert.pk}"


class ImportForm(forms.Form):
    """The filled-in template (its rows are read by ``experts.spreadsheet.parse_pool``)."""

    sheet = forms.FileField(
        label=_("专家信息表（Excel）"),
        help_text=_("使用下载的模板填写，.xlsx 格式，不超过5 MB"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_sheet(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["sheet"]
        if (upload.size or 0) > MAX_BYTES:
            raise ValidationError(_("文件不能超过%(max)d MB"), params={"max": MAX_BYTES // (1024 * 1024)})
        return upload
