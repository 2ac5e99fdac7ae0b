"""Forms of the Department's call pages: the call itself, its policy, an import file."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from smartmfg.calls.actions import CALL_FIELDS
from smartmfg.calls.models import Call
from smartmfg.lib.choices import bilingual_choices, current_lang
from smartmfg.rules import facts
from smartmfg.rules.parameters import INT_KINDS, PARAMETER_BY_NAME, PARAMETERS, Bad, Parameter, read_text
from smartmfg.rules.policy import DEFAULT_POLICY, InvalidPolicy, Policy
from smartmfg.rules.text import format_yuan

DATETIME_FORMAT: Final = "%Y-%m-%dT%H:%M"
MAX_ATTACHMENT_MB: Final = 500
IMPORT_MAX_MB: Final = 20


class CallForm(forms.ModelForm[Call]):
    """Year, title, document number, description, tiers, dates (Asia/Shanghai), attachment limit."""

    tiers = forms.MultipleChoiceField(
        label=_lazy("开放申报的类别"),
        choices=bilingual_choices(facts.TIER_LABELS),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _lazy("至少选择一个申报类别")},
    )
    # 第二条: one call a year in principle; a second one is confirmed, with its reason.
    confirm_second_call = forms.BooleanField(label=_lazy("确认本年度再次组织申报"), required=False)
    second_call_reason = forms.CharField(
        label=_lazy("再次组织申报的理由"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_lazy("第二条：原则上每年组织一次。本年度已有申报批次时，须勾选确认并填写理由。"),
    )

    class Meta:
        model = Call
        fields = CALL_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
            "bureau_review_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "max_attachment_mb": forms.NumberInput(attrs={"min": 1, "max": MAX_ATTACHMENT_MB}),
        }
        help_texts = {
            "opens_at": _lazy("北京时间"),
            "closes_at": _lazy("北京时间；到点后不再接受提交"),
            "document_number": _lazy("如：吉工信规划〔2026〕1号"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year)
            self.initial.setdefault("tiers", list(facts.TIERS))
        self.fields["year"].widget.attrs.update({"min": 2024, "max": 2100})

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        if not 2024 <= year <= 2100:
            raise forms.ValidationError(_("年度应在2024至2100之间"))
        return year

    def clean_tiers(self) -> list[str]:
        # In the ladder's order, whatever order the boxes were ticked in.
        chosen = set(self.cleaned_data["tiers"])
        return [tier for tier in facts.TIERS if tier in chosen]

    def clean_max_attachment_mb(self) -> int:
        size: int = self.cleaned_data["max_attachment_mb"]
        if not 1 <= size <= MAX_ATTACHMENT_MB:
            raise forms.ValidationError(_("应在1至%(max)s MB之间") % {"max": MAX_ATTACHMENT_MB})
        return size

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes, deadline = data.get("opens_at"), data.get("closes_at"), data.get("bureau_review_deadline")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("申报截止时间应晚于申报开始时间"))
        elif closes and deadline and deadline < timezone.localtime(closes).date():
            self.add_error("bureau_review_deadline", _("属地初审截止日期不能早于申报截止日期"))
        return data


# ------------------------------------------------------------------ policy


def field_name(parameter: str) -> str:
    """A parameter's form field (``min_investment.smart_factory`` → ``min_investment__smart_factory``)."""
    return parameter.replace(".", "__")


def parameter_of(field: str) -> Parameter | None:
    return PARAMETER_BY_NAME.get(field.replace("__", "."))


def _parameter_field(param: Parameter) -> forms.Field:
    lang = current_lang()
    label = param.label(lang)
    help_text = _("%(article)s；细则默认值：%(default)s") % {
        "article": param.article,
        "default": display_value(param, DEFAULT_POLICY.get(param.name)),
    }
    if param.kind == "categories":
        return forms.MultipleChoiceField(
            label=label,
            help_text=help_text,
            choices=bilingual_choices(facts.INVESTMENT_CATEGORY_LABELS),
            widget=forms.CheckboxSelectMultiple,
            required=False,  # “none” is answered by the rules' own message, naming the parameter
        )
    if param.kind == "rating":
        return forms.ChoiceField(
            label=label, help_text=help_text, choices=bilingual_choices(facts.CREDIT_RATING_LABELS)
        )
    if param.kind == "choice":
        return forms.ChoiceField(label=label, help_text=help_text, choices=bilingual_choices(param.labels))
    if param.kind == "switch":
        # The value's text form (``true``/``false``) is what is posted; people read 是/否.
        return forms.ChoiceField(label=label, help_text=help_text, choices=[("true", _("是")), ("false", _("否"))])
    widget: forms.Widget
    if param.kind in INT_KINDS:
        widget = forms.NumberInput(attrs={"min": param.minimum, "max": param.maximum, "step": 1})
    elif param.kind == "date":
        widget = forms.DateInput(attrs={"type": "date"})
    elif param.kind == "amount":
        widget = forms.TextInput(attrs={"inputmode": "decimal"})
    else:
        widget = forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2})
    return forms.CharField(label=label, help_text=help_text, widget=widget)


def display_value(param: Parameter, value: Any) -> str:
    """A value as people read it: labels for codes, 万元 for amounts."""
    lang = current_lang()
    if param.kind == "rating":
        return facts.CREDIT_RATING_LABELS[value][lang]
    if param.kind == "choice":
        return param.labels[value][lang]
    if param.kind == "categories":
        sep = "、" if lang == "zh" else ", "
        return sep.join(facts.INVESTMENT_CATEGORY_LABELS[c][lang] for c in param.choices if c in value)
    if param.kind == "amount":
        return format_yuan(value, lang, compact=True)
    if param.kind == "switch":
        return _("是") if value else _("否")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class PolicyForm(forms.Form):
    """Every parameter of the call's policy (``rules.PARAMETERS``), and the reason for the change.

    Valid when the core accepts the values (``Policy.with_changes``); each
    problem is shown on its parameter, in the core's words, which name it.
    ``proposed`` is the policy the form describes.
    """

    reason = forms.CharField(
        label=_lazy("调整理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_lazy("保存时必填，记入参数调整记录"),
    )

    def __init__(self, *args: Any, policy: Policy, saving: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.policy = policy
        self.saving = saving
        self.proposed: Policy | None = None
        reason = self.fields.pop("reason")
        for param in PARAMETERS:
            name = field_name(param.name)
            self.fields[name] = _parameter_field(param)
            value = policy.get(param.name)
            self.initial[name] = sorted(value) if param.kind == "categories" else policy.value_text(param.name)
        self.fields["reason"] = reason

    def changes(self) -> dict[str, str]:
        """The text form of every parameter as entered (what ``with_changes`` takes)."""
        values = {}
        for param in PARAMETERS:
            raw = self.cleaned_data.get(field_name(param.name))
            if raw is None:
                continue
            values[param.name] = ",".join(raw) if isinstance(raw, list) else str(raw)
        return values

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.saving and not (data.get("reason") or "").strip():
            self.add_error("reason", _("请填写调整理由"))
        if any(parameter_of(name) for name in self.errors):
            return data
        try:
            self.proposed = self.policy.with_changes(self.changes())
        except InvalidPolicy as invalid:
            lang = current_lang()
            for problem in invalid.problems:
                name = field_name(problem.name)
                self.add_error(name if name in self.fields else None, problem.message.render(lang))
        return data

    def rows(self) -> list[dict[str, Any]]:
        """One row per parameter for the form's table: the bound field, its article, current and default values."""
        rows = []
        for param in PARAMETERS:
            current, default = self.policy.get(param.name), DEFAULT_POLICY.get(param.name)
            rows.append(
                {
                    "param": param,
                    "field": self[field_name(param.name)],
                    "current": display_value(param, current),
                    "default": display_value(param, default),
                    "changed": current != default,
                }
            )
        return rows


def policy_rows(policy: Policy) -> list[dict[str, Any]]:
    """The policy as a table: each parameter's label, article, value, the Rules' default, changed or not."""
    lang = current_lang()
    return [
        {
            "name": param.name,
            "label": param.label(lang),
            "article": param.article,
            "value": display_value(param, policy.get(param.name)),
            "default": display_value(param, DEFAULT_POLICY.get(param.name)),
            "changed": policy.get(param.name) != DEFAULT_POLICY.get(param.name),
        }
        for param in PARAMETERS
    ]


def display_text(name: str, text: str) -> str:
    """A value kept in its text form (the change history) as people read it; the text itself if unreadable."""
    param = PARAMETER_BY_NAME.get(name)
    if param is None:
        return text
    try:
        return display_value(param, read_text(param, text))
    except Bad:
        return text


def parameter_label(name: str) -> str:
    param = PARAMETER_BY_NAME.get(name)
    return param.label(current_lang()) if param else name


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_lazy("申报数据文件（JSON）"),
        help_text=_lazy("一个申报对象，或由申报对象组成的数组；格式见“条件判定与导入”说明"),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_file(self) -> bytes:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > IMPORT_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(_("文件不能超过%(max)s MB") % {"max": IMPORT_MAX_MB})
        content = b"".join(upload.chunks())
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("文件应为UTF-8编码的JSON")) from None
        return content
