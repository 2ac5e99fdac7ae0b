"""Forms of the draws and the assignment (the Department) and of the expert's answers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from smartmfg.applications.models import Application
from smartmfg.experts.actions.conflicts import DECLARABLE
from smartmfg.experts.models import Draw, Expert, ExpertGroup, ExpertStatus, PairRule

QUOTA_PREFIX = "quota_"


class DrawForm(forms.ModelForm[Draw]):
    """A draw's settings; one quota field per expert group."""

    class Meta:
        model = Draw
        fields = ["purpose", "tier", "reviews_per_application", "min_load", "max_load", "answer_by"]
        widgets = {"answer_by": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups = list(ExpertGroup.objects.all())
        quotas = self.instance.quotas if self.instance.pk else {}
        for group in self.groups:
            self.fields[f"{QUOTA_PREFIX}{group.code}"] = forms.IntegerField(
                label=_("%(group)s组抽取人数") % {"group": group.name},
                min_value=0,
                max_value=500,
                initial=quotas.get(group.code, 0),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        quotas = {g.code: data.get(f"{QUOTA_PREFIX}{g.code}") or 0 for g in self.groups}
        if not any(quotas.values()):
            self.add_error(
                f"{QUOTA_PREFIX}{self.groups[0].code}" if self.groups else None, _("至少一个专业组的抽取人数应大于0")
            )
        data["quotas"] = {code: n for code, n in quotas.items() if n}
        if (
            data.get("min_load") is not None
            and data.get("max_load") is not None
            and data["min_load"] > data["max_load"]
        ):
            self.add_error("max_load", _("最多评审数不能少于最少评审数"))
        return data

    def values(self) -> dict[str, Any]:
        return {**{k: self.cleaned_data[k] for k in self.Meta.fields}, "quotas": self.cleaned_data["quotas"]}


class ExclusionForm(forms.Form):
    expert = forms.ModelChoiceField(
        label=_("专家"), queryset=Expert.objects.filter(status=ExpertStatus.ACTIVE).order_by("code")
    )
    reason = forms.CharField(label=_("不参加抽取的原因"), max_length=255, help_text=_("不公开"))


class SeedForm(forms.Form):
    public_seed = forms.CharField(
        label=_("公开随机数"),
        required=False,
        max_length=200,
        help_text=_("冻结抽取条件之后才产生的公开随机值（如当期福利彩票开奖号码）；留空则由平台随机生成"),
    )
    seed_note = forms.CharField(
        label=_("随机数来源"), required=False, max_length=255, help_text=_("填写公开随机数时必填")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("public_seed", "").strip() and not data.get("seed_note", "").strip():
            self.add_error("seed_note", _("请说明公开随机数的来源"))
        return data


class PairRuleForm(forms.Form):
    application = forms.ModelChoiceField(label=_("申报"), queryset=Application.objects.none())
    expert = forms.ModelChoiceField(label=_("专家"), queryset=Expert.objects.none())
    kind = forms.ChoiceField(label=_("类型"), choices=PairRule.Kind.choices)
    reason = forms.CharField(label=_("理由"), max_length=255)

    def __init__(self, *args: Any, applications: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications  # type: ignore[attr-defined]
        self.fields["expert"].queryset = experts  # type: ignore[attr-defined]


class ReleaseForm(forms.Form):
    reason = forms.CharField(label=_("退出原因"), max_length=255)


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("谢绝理由"), max_length=255, widget=forms.Textarea(attrs={"rows": 3}))


class DeclarationForm(forms.Form):
    """The expert's statement on one application, before its material opens."""

    NONE = "none"
    CONFLICT = "conflict"
    answer = forms.ChoiceField(
        label=_("声明"),
        widget=forms.RadioSelect,
        choices=[(NONE, _("本人与该企业不存在上述任何回避情形")), (CONFLICT, _("本人存在回避情形，申请回避"))],
    )
    kind = forms.ChoiceField(
        label=_("回避情形"), required=False, choices=[("", "—"), *[(k.value, k.label) for k in DECLARABLE]]
    )
    evidence = forms.CharField(label=_("情况说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == self.CONFLICT:
            if not data.get("kind"):
                self.add_error("kind", _("请选择回避情形"))
            if not data.get("evidence", "").strip():
                self.add_error("evidence", _("请说明回避的情形"))
        return data
