from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from smartmfg.enterprises.models import Enterprise, ManufacturingType


class EnterpriseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称或信用代码"), method="search")
    manufacturing_type = django_filters.ChoiceFilter(
        label=_("制造类型"), choices=ManufacturingType.choices, empty_label=_("全部")
    )

    class Meta:
        model = Enterprise
        fields = ("q", "manufacturing_type")

    def search(self, queryset: QuerySet[Enterprise], name: str, value: str) -> QuerySet[Enterprise]:
        return queryset.filter(Q(name__icontains=value) | Q(uscc__icontains=value.strip().upper()))
