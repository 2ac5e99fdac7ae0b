"""Forms about enterprises."""

from __future__ import annotations

from django import forms

from smartmfg.enterprises.models import Enterprise


class EnterpriseProfileForm(forms.ModelForm[Enterprise]):
    """What an enterprise keeps up to date itself.

    Its credit code and its bureau are not here: they identify the
    enterprise and decide who reviews it, so only an administrator changes them.
    """

    class Meta:
        model = Enterprise
        fields = (
            "name",
            "legal_status",
            "pays_tax_in_province",
            "registered_division",
            "industry",
            "manufacturing_type",
            "address",
        )
