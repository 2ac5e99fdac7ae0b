"""Forms of the review pages: judgements and recommendation letters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from smartmfg.applications.models import Application, Judgement


class JudgementForm(forms.Form):
    """A judgement of a manual rule: 符合 or 不符合, with a note (required for 不符合)."""

    result = forms.ChoiceField(label=_("判断"), choices=Judgement.Result.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("说明"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("判断为不符合时必填；新的判断不会覆盖之前的判断，以最新一次为准。"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("result") == Judgement.Result.FAIL and not (data.get("note") or "").strip():
            self.add_error("note", _("判断为不符合时，请说明理由"))
        return data


class HeldBackCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes where the applications held back (a rule not met) cannot be ticked."""

    held: Mapping[int, Sequence[str]] = {}

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        if getattr(value, "value", value) in self.held:
            option["attrs"]["disabled"] = True
        return option


class ApplicationChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Each application labelled with its reference, enterprise and project; those held back say why."""

    widget = HeldBackCheckboxes

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.held: Mapping[int, Sequence[str]] = {}

    def label_from_instance(self, obj: Any) -> str:
        label = f"{obj.reference}　{obj.enterprise.name}　{obj.project_name}（{obj.get_tier_display()}）"
        if getattr(obj, "in_other_draft", False):
            label += str(_("　[已列入另一份推荐函草稿]"))
        if obj.pk in self.held:
            label += str(_("　[不符合认定条件，不能列入：%(why)s]") % {"why": "；".join(self.held[obj.pk])})
        return label

    def clean(self, value: Any) -> Any:
        chosen = super().clean(value)
        refused = [a.reference for a in chosen if a.pk in self.held]
        if refused:
            raise forms.ValidationError(
                _("以下申报不符合认定条件，不能列入推荐函：%(items)s") % {"items": "、".join(refused)}
            )
        return chosen


class LetterForm(forms.Form):
    applications = ApplicationChoiceField(
        label=_("列入本函的申报"),
        queryset=Application.objects.none(),
        error_messages={"required": _("请至少选择一项初审通过的申报")},
    )
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(
        label=_("正文"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("每段一行；主送部门、附件名单、落款和日期由系统按公文格式生成。"),
    )

    def __init__(
        self, *args: Any, candidates: QuerySet[Application], held: Mapping[int, Sequence[str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["applications"]
        assert isinstance(field, ApplicationChoiceField)
        field.queryset = candidates
        field.held = held
        assert isinstance(field.widget, HeldBackCheckboxes)
        field.widget.held = held


class SendLetterForm(forms.Form):
    """Sending carries the revision of the draft the officer saw."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CancelLetterForm(forms.Form):
    reason = forms.CharField(label=_("作废理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
