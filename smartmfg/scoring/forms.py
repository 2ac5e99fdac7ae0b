"""Forms of the scoring: the expert's sheet (built from the frozen sheet), and the Department's and leader's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from smartmfg.experts.models import Expert
from smartmfg.lib.choices import current_lang
from smartmfg.rules.experts.scoring import Sheet
from smartmfg.scoring.models import Score

YES_NO = [("yes", _("是")), ("no", _("否"))]
RECOMMEND = [("yes", _("推荐")), ("no", _("不推荐"))]
MERIT = [("yes", _("达到相应的技术水平")), ("no", _("未达到相应的技术水平"))]


def _choice(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _bool(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class ScoreForm(forms.Form):
    """One expert's scores: a field per criterion (whole or half points, checked by the rules core), the rest."""

    def __init__(self, *args: Any, sheet: Sheet, score: Score | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        stored = score or Score()
        for criterion in sheet.criteria:
            self.fields[f"points_{criterion.key}"] = forms.CharField(
                label=criterion.label.render(current_lang()),
                required=False,
                initial=stored.points.get(criterion.key, ""),
                help_text=criterion.guidance,
                widget=forms.NumberInput(
                    attrs={
                        "min": "0",
                        "max": str(criterion.points),
                        "step": "0.5",
                        "inputmode": "decimal",
                        "data-points": str(criterion.points),
                        "class": "score-input",
                    }
                ),
            )
            self.fields[f"comment_{criterion.key}"] = forms.CharField(
                label=_("“%(title)s”评审意见") % {"title": criterion.label.render(current_lang())}
                + (str(_("（必填）")) if criterion.comment_required else ""),
                required=False,
                max_length=2000,
                initial=stored.comments.get(criterion.key, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["vetoes"] = forms.MultipleChoiceField(
            label=_("一票否决项"),
            required=False,
            choices=[(v.key, v.label.render(current_lang())) for v in sheet.vetoes],
            initial=stored.vetoes,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("选择任何一项，推荐意见只能为“不推荐”"),
        )
        self.fields["opinion"] = forms.CharField(
            label=_("总体评审意见"),
            required=False,
            max_length=5000,
            initial=stored.opinion,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        self.fields["technical_merit"] = forms.ChoiceField(
            label=_("技术水平判断（第五条至第七条第3款）"),
            required=False,
            choices=MERIT,
            initial=_choice(stored.technical_merit),
            widget=forms.RadioSelect,
        )
        self.fields["recommended"] = forms.ChoiceField(
            label=_("推荐意见"),
            required=False,
            choices=RECOMMEND,
            initial=_choice(stored.recommended),
            widget=forms.RadioSelect,
        )

    def rows(self) -> list[tuple[Any, Any, Any]]:
        """(criterion, its points field, its comment field) in the sheet's order, for the template."""
        return [(c, self[f"points_{c.key}"], self[f"comment_{c.key}"]) for c in self.sheet.criteria]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        keys = [c.key for c in self.sheet.criteria]
        return {
            "points": {k: data.get(f"points_{k}", "").strip() for k in keys if data.get(f"points_{k}", "").strip()},
            "comments": {k: data.get(f"comment_{k}", "") for k in keys},
            "vetoes": data.get("vetoes", []),
            "opinion": data.get("opinion", ""),
            "technical_merit": _bool(data.get("technical_merit", "")),
            "recommended": _bool(data.get("recommended", "")),
        }


class OpenReviewForm(forms.Form):
    due_at = forms.DateTimeField(
        label=_("评分截止时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("北京时间；启动后各类别评分表锁定，不能再修改"),
    )


class ExtensionForm(forms.Form):
    prefix = "extension"  # on the review's page beside the leader's form: distinct field ids
    expert = forms.ModelChoiceField(label=_("专家"), queryset=Expert.objects.none())
    due_at = forms.DateTimeField(
        label=_("延至"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    reason = forms.CharField(label=_("延期理由"), max_length=255)

    def __init__(self, *args: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts  # type: ignore[attr-defined]


class LeaderForm(forms.Form):
    prefix = "leader"
    expert = forms.ModelChoiceField(label=_("专家组组长"), queryset=Expert.objects.none())

    def __init__(self, *args: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts  # type: ignore[attr-defined]


class ReplaceForm(forms.Form):
    reason = forms.CharField(label=_("更换理由"), max_length=255)


class ProposalForm(forms.Form):
    recommended = forms.ChoiceField(label=_("专家组结论"), choices=RECOMMEND, widget=forms.RadioSelect)
    opinion = forms.CharField(label=_("专家组评审意见"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))

    def values(self) -> dict[str, Any]:
        return {"recommended": self.cleaned_data["recommended"] == "yes", "opinion": self.cleaned_data["opinion"]}


class CriterionForm(forms.Form):
    key = forms.SlugField(label=_("编号"), max_length=40, help_text=_("英文字母、数字或下划线"))
    title = forms.CharField(label=_("评分项"), max_length=100)
    title_en = forms.CharField(label=_("英文名称"), max_length=200, required=False)
    points = forms.DecimalField(label=_("分值"), max_digits=4, decimal_places=1, min_value=0)
    guidance = forms.CharField(label=_("评分指引"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    comment_required = forms.BooleanField(label=_("须填写意见"), required=False)
    article = forms.CharField(label=_("依据条款"), max_length=40, required=False)


class VetoForm(forms.Form):
    key = forms.SlugField(label=_("编号"), max_length=40)
    title = forms.CharField(label=_("一票否决项"), max_length=200)
    title_en = forms.CharField(label=_("英文名称"), max_length=200, required=False)


CriterionFormSet = forms.formset_factory(CriterionForm, extra=1, can_delete=True)
VetoFormSet = forms.formset_factory(VetoForm, extra=1, can_delete=True)


def sheet_content(criteria: Any, vetoes: Any) -> dict[str, Any]:
    """The JSON form of a sheet from the two formsets (the rules core checks it: 100 points, half points...)."""

    def rows(formset: Any) -> list[dict[str, Any]]:
        return [
            f.cleaned_data
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("key")
        ]

    return {
        "criteria": [
            {
                "key": r["key"],
                "title": r["title"],
                "title_en": r.get("title_en") or r["title"],
                "points": str(r["points"]),
                "guidance": r.get("guidance", ""),
                "comment_required": bool(r.get("comment_required")),
                "article": r.get("article", ""),
            }
            for r in rows(criteria)
        ],
        "vetoes": [
            {"key": r["key"], "title": r["title"], "title_en": r.get("title_en") or r["title"]} for r in rows(vetoes)
        ],
    }
