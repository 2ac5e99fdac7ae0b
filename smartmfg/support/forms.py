"""Forms of 第十一条 support."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GrantForm(forms.Form):
    amount = forms.DecimalField(label=_("奖补金额（元）"), max_digits=14, decimal_places=2, min_value=0)
    document_number = forms.CharField(label=_("拨付文号"), max_length=64, help_text=_("如：吉工信规划〔2026〕120号"))
    granted_on = forms.DateField(label=_("下达日期"), widget=DATE)
    note = forms.CharField(label=_("说明"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["granted_on"].initial = timezone.localdate()


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("拨付日期"), widget=DATE)
    amount = forms.DecimalField(label=_("拨付金额（元）"), max_digits=14, decimal_places=2, min_value=0)
    note = forms.CharField(label=_("说明"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()
