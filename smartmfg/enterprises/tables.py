from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from smartmfg.enterprises.models import Enterprise
from smartmfg.lib.tables import Table


class EnterpriseTable(Table):
    name = tables.Column(verbose_name=_("企业名称"))
    uscc = tables.Column(verbose_name=_("统一社会信用代码"))
    jurisdiction = tables.Column(accessor="jurisdiction__area", verbose_name=_("属地"))
    industry = tables.Column(verbose_name=_("所属行业"))
    manufacturing_type = tables.Column(verbose_name=_("制造类型"))

    class Meta(Table.Meta):
        model = Enterprise
        fields = ()
        sequence = ("name", "uscc", "jurisdiction", "industry", "manufacturing_type")
        order_by = ("name",)

    def render_name(self, value: str, record: Enterprise) -> Any:
        return format_html('<a href="{}">{}</a>', reverse("enterprises:detail", args=[record.pk]), value)

    def value_name(self, value: str) -> str:
        return value

    def render_industry(self, record: Enterprise) -> Any:
        return record.get_industry_display()

    def render_manufacturing_type(self, record: Enterprise) -> Any:
        return record.get_manufacturing_type_display()
