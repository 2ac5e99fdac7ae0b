"""The forms of the certificates' pages: a number to verify, and a call's numbering series."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from smartmfg.certificates.models import CertificateSeries
from smartmfg.certificates.numbers import MAX_LENGTH, MAX_PREFIX, normalise
from smartmfg.lib.choices import label_of
from smartmfg.rules.facts import TIER_LABELS, TIERS


class VerifyForm(forms.Form):
    number = forms.CharField(
        label=_("认定编号"),
        max_length=MAX_LENGTH * 2,
        help_text=_("证书上印的编号，如 吉数车-2026-0001；全角字符和空格会自动转换"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_number(self) -> str:
        number = normalise(self.cleaned_data["number"])
        if not number:
            raise forms.ValidationError(_("请输入认定编号"))
        if "/" in number or len(number) > MAX_LENGTH:
            raise forms.ValidationError(_("这不是有效的认定编号"))
        return number


class SeriesForm(forms.Form):
    """The format, and one short name (简称) per tier, in the tiers' order."""

    number_format = forms.CharField(
        label=_("编号格式"),
        max_length=MAX_LENGTH,
        help_text=_("可用 {prefix}（类别简称）、{year}（年度）、{seq}（序号，如 {seq:04d} 补足4位），三者都须出现"),
    )

    def __init__(self, *args: Any, series: CertificateSeries, disabled: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial = {"number_format": series.number_format, **self.initial}
        self.initial.update({f"prefix_{tier}": series.prefixes.get(tier, "") for tier in TIERS})
        for tier in TIERS:
            self.fields[f"prefix_{tier}"] = forms.CharField(
                label=_("“%(tier)s”的简称") % {"tier": label_of(TIER_LABELS, tier)}, max_length=MAX_PREFIX
            )
        for field in self.fields.values():
            field.disabled = disabled

    def prefixes(self) -> dict[str, str]:
        return {tier: self.cleaned_data.get(f"prefix_{tier}", "") for tier in TIERS}
