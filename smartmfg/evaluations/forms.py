"""Forms of the Department's stage pages (the step forms are in ``steps.py``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartmfg.applications.models import Application
from smartmfg.evaluations.actions import Ruling

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

APPROVE, REJECT, DEFER = "approve", "reject", "defer"
DECISIONS = ((APPROVE, _("审议通过")), (REJECT, _("审议不通过")), (DEFER, _("暂缓审议")))


class DeliberationForm(forms.Form):
    """第十条: the meeting, and for each application shown its decision (a reason for each rejection)."""

    meeting = forms.CharField(label=_("会议名称"), max_length=200)
    held_on = forms.DateField(label=_("审议日期"), widget=DATE)
    minutes = forms.CharField(label=_("审议意见（会议纪要）"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(
        self,
        *args: Any,
        applications: Sequence[Application],
        held: Mapping[int, Sequence[str]] | None = None,
        **kwargs: Any,
    ) -> None:
        """``held``: the applications on which a rule no longer holds, with why; they can only be rejected."""
        super().__init__(*args, **kwargs)
        self.applications = list(applications)
        self.held = held or {}
        self.fields["held_on"].initial = timezone.localdate()
        for application in self.applications:
            held_back = application.pk in self.held
            self.fields[f"decision_{application.pk}"] = forms.ChoiceField(
                label=_("%(reference)s 的审议决定") % {"reference": application.reference},
                choices=[c for c in DECISIONS if c[0] != APPROVE] if held_back else DECISIONS,
                widget=forms.RadioSelect,
            )
            self.fields[f"reason_{application.pk}"] = forms.CharField(
                label=_("%(reference)s 不通过的理由") % {"reference": application.reference},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def rows(self) -> list[dict[str, Any]]:
        """Each application with its two fields, for the table."""
        return [
            {
                "application": a,
                "decision": self[f"decision_{a.pk}"],
                "reason": self[f"reason_{a.pk}"],
                "held": self.held.get(a.pk, ()),
            }
            for a in self.applications
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decided = 0
        for application in self.applications:
            decision = data.get(f"decision_{application.pk}")
            if decision == REJECT and not (data.get(f"reason_{application.pk}") or "").strip():
                self.add_error(f"reason_{application.pk}", _("审议不通过须填写理由"))
            decided += decision in (APPROVE, REJECT)
        if self.applications and not decided and not self.errors:
            raise forms.ValidationError(_("请至少对一项申报作出审议决定（通过或不通过）"))
        return data

    def rulings(self) -> dict[int, Ruling]:
        data = self.cleaned_data
        return {
            a.pk: Ruling(approved=data[f"decision_{a.pk}"] == APPROVE, reason=data[f"reason_{a.pk}"])
            for a in self.applications
            if data[f"decision_{a.pk}"] != DEFER
        }


class RecoveryForm(forms.Form):
    """第十二条: one repayment of the subsidy."""

    recovered_on = forms.DateField(label=_("收回日期"), widget=DATE)
    amount = forms.DecimalField(label=_("收回金额（元）"), max_digits=14, decimal_places=2, min_value=0)
    note = forms.CharField(label=_("说明"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recovered_on"].initial = timezone.localdate()
