"""Forms of the spot checks: picking, scheduling (the Department); the checklist, photos, signing (the experts)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from smartmfg.applications.models import Application
from smartmfg.experts.models import Expert
from smartmfg.visits.models import ChecklistItem, ItemResult

SIGN_STATEMENT = _("我已核实以上抽查情况，同意签署")


class ApplicationChoice(forms.ModelChoiceField[Application]):
    def label_from_instance(self, obj: Application) -> str:
        return f"{obj.reference} {obj.enterprise.name}"


class PickForm(forms.Form):
    application = ApplicationChoice(label=_("申报"), queryset=Application.objects.none())
    reason = forms.CharField(
        label=_("选定理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("如：评分离散度大、投资明细存疑；仅省工信厅可见"),
    )

    def __init__(self, *args: Any, applications: QuerySet[Application], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["application"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = applications


class ExpertChoices(forms.ModelMultipleChoiceField[Expert]):
    """The call's accepted experts, each marked when conflicted with the enterprise (refused on submit)."""

    def __init__(self, *args: Any, conflicted: Iterable[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conflicted = set(conflicted)

    def label_from_instance(self, obj: Expert) -> str:
        mark = str(_("（存在回避关系）")) if obj.pk in self.conflicted else ""
        return f"{obj.code} {obj.name} · {obj.group.name} · {obj.employer}{mark}"


class ScheduleForm(forms.Form):
    experts = ExpertChoices(
        label=_("抽查专家"),
        queryset=Expert.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("从本批次接受评审邀请的专家中选择2至3名，与该企业有回避关系的不能选择"),
    )
    visit_on = forms.DateField(label=_("抽查日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args: Any, pool: QuerySet[Expert], conflicted: Iterable[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["experts"]
        assert isinstance(field, ExpertChoices)
        field.queryset = pool
        field.conflicted = set(conflicted)


class ChecklistForm(forms.Form):
    """Every item of a visit: its result and note (``result_<id>``, ``note_<id>``), and the revision shown."""

    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, items: Iterable[ChecklistItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"result_{item.pk}"] = forms.ChoiceField(
                label=_("第%(n)d项核查结果") % {"n": item.position},
                choices=ItemResult.choices,
                initial=item.result,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("第%(n)d项说明") % {"n": item.position},
                required=False,
                initial=item.note,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[tuple[ChecklistItem, forms.BoundField, forms.BoundField]]:
        return [(i, self[f"result_{i.pk}"], self[f"note_{i.pk}"]) for i in self.items]

    def entries(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {i.pk: (data[f"result_{i.pk}"], data.get(f"note_{i.pk}") or "") for i in self.items}


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("现场照片"), help_text=_("JPEG或PNG图片"))


class SignForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(label=SIGN_STATEMENT, error_messages={"required": _("请确认已核实抽查情况")})
