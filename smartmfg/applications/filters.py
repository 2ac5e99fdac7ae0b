"""Filters of the application lists."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from smartmfg.access import visible_calls
from smartmfg.applications.models import Application
from smartmfg.applications.states import Status
from smartmfg.calls.models import Call
from smartmfg.lib.choices import bilingual_choices
from smartmfg.rules import facts

VERDICT_CHOICES = [("eligible", _("符合")), ("ineligible", _("不符合")), ("unknown", _("未判定"))]


class ApplicationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="search")
    call = django_filters.ModelChoiceFilter(label=_("申报批次"), queryset=Call.objects.all(), empty_label=_("全部"))
    tier = django_filters.ChoiceFilter(
        label=_("申报类别"), choices=bilingual_choices(facts.TIER_LABELS), empty_label=_("全部")
    )
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Status.choices, empty_label=_("全部"))
    verdict = django_filters.ChoiceFilter(
        label=_("条件判定"), choices=VERDICT_CHOICES, method="by_verdict", empty_label=_("全部")
    )

    class Meta:
        model = Application
        fields = ("q", "call", "tier", "status", "verdict")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["call"].queryset = visible_calls(self.request.user)

    def search(self, queryset: QuerySet[Application], name: str, value: str) -> QuerySet[Application]:
        return queryset.filter(
            Q(reference__icontains=value) | Q(enterprise__name__icontains=value) | Q(project_name__icontains=value)
        )

    def by_verdict(self, queryset: QuerySet[Application], name: str, value: str) -> QuerySet[Application]:
        lookup = {"eligible": True, "ineligible": False, "unknown": None}[value]
        return (
            queryset.filter(verdict_eligible=lookup)
            if lookup is not None
            else queryset.filter(verdict_eligible__isnull=True)
        )
