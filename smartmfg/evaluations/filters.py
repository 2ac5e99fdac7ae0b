"""Filters of the stage work lists."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from smartmfg.applications.models import Application
from smartmfg.applications.states import Status
from smartmfg.enterprises.models import Revocation
from smartmfg.lib.choices import bilingual_choices
from smartmfg.rules import facts

EXPERT_STATES = [
    (s.value, s.label) for s in (Status.EXPERT_REVIEW, Status.EXPERT_RECOMMENDED, Status.EXPERT_NOT_RECOMMENDED)
]


class StageFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="search")
    tier = django_filters.ChoiceFilter(
        label=_("申报类别"), choices=bilingual_choices(facts.TIER_LABELS), empty_label=_("全部")
    )

    class Meta:
        model = Application
        fields: tuple[str, ...] = ("q", "tier")

    def search(self, queryset: QuerySet[Application], name: str, value: str) -> QuerySet[Application]:
        return queryset.filter(
            Q(reference__icontains=value) | Q(enterprise__name__icontains=value) | Q(project_name__icontains=value)
        )


class ExpertFilter(StageFilter):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=EXPERT_STATES, empty_label=_("全部"))

    class Meta(StageFilter.Meta):
        fields = ("q", "tier", "status")


class RevocationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="search")

    class Meta:
        model = Revocation
        fields = ("q",)

    def search(self, queryset: QuerySet[Revocation], name: str, value: str) -> QuerySet[Revocation]:
        return queryset.filter(
            Q(enterprise__name__icontains=value)
            | Q(document_number__icontains=value)
            | Q(application__reference__icontains=value)
        )
