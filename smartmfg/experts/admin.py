"""The back office: the expert groups (专业组) are reference data the administrator edits.

Saved through the audited ``do_admin_save`` like every back-office change;
nothing is deleted, and a group's code is fixed once it exists (draws record it).
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from smartmfg.accounts.actions import do_admin_save
from smartmfg.enterprises.models import ManufacturingType
from smartmfg.experts.models import ExpertGroup
from smartmfg.lib.admin import ActionAdmin
from smartmfg.lib.choices import bilingual_choices
from smartmfg.rules import facts


class ExpertGroupForm(forms.ModelForm[ExpertGroup]):
    tiers = forms.MultipleChoiceField(
        label=_("适合评审的类别"),
        choices=bilingual_choices(facts.TIER_LABELS),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("都不选表示各类别均适合"),
    )
    manufacturing = forms.MultipleChoiceField(
        label=_("适合的制造类型"),
        choices=ManufacturingType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("都不选表示均适合"),
    )

    class Meta:
        model = ExpertGroup
        fields = ("code", "name", "name_en", "tiers", "manufacturing", "order")


@admin.register(ExpertGroup)
class ExpertGroupAdmin(ActionAdmin[ExpertGroup]):
    save = staticmethod(do_admin_save)
    form = ExpertGroupForm
    list_display = ("code", "name", "name_en", "order")
    search_fields = ("code", "name", "name_en")
    ordering = ("order", "code")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("code",) if obj is not None else ()
