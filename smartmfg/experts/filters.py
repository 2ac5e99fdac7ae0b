"""Filters of the expert pool (第九条): group, status, title and a search on name, code and employer."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from smartmfg.experts.models import Expert, ExpertGroup, ExpertStatus, Title


class PoolFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("姓名、编号或工作单位"), method="search")
    group = django_filters.ModelChoiceFilter(
        label=_("专业组"), queryset=ExpertGroup.objects.all(), empty_label=_("全部")
    )
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ExpertStatus.choices, empty_label=_("全部"))
    title = django_filters.ChoiceFilter(label=_("职称"), choices=Title.choices, empty_label=_("全部"))

    class Meta:
        model = Expert
        fields: tuple[str, ...] = ("q", "group", "status", "title")

    def search(self, queryset: QuerySet[Expert], name: str, value: str) -> QuerySet[Expert]:
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value) | Q(employer__icontains=value))
