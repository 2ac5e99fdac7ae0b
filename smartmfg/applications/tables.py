"""The application lists: one table, columns chosen per page."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from smartmfg.applications.models import Application
from smartmfg.lib.tables import MoneyColumn, Table


class ApplicationTable(Table):
    reference = tables.Column(verbose_name=_("申报编号"))
    enterprise = tables.Column(accessor="enterprise__name", verbose_name=_("申报企业"))
    project_name = tables.Column(verbose_name=_("项目名称"))
    tier = tables.Column(verbose_name=_("申报类别"))
    jurisdiction = tables.Column(accessor="jurisdiction__area", verbose_name=_("属地"))
    call = tables.Column(accessor="call__year", verbose_name=_("年度"))
    verdict_eligible = tables.BooleanColumn(verbose_name=_("符合条件"), yesno=("✔,✘"))
    eligible_investment = MoneyColumn(verbose_name=_("计入投资（元）"))
    status = tables.Column(verbose_name=_("状态"))
    updated_at = tables.DateTimeColumn(verbose_name=_("更新时间"), format="Y-m-d H:i")

    class Meta(Table.Meta):
        model = Application
        fields = ()
        sequence = (
            "reference",
            "enterprise",
            "project_name",
            "tier",
            "jurisdiction",
            "call",
            "verdict_eligible",
            "eligible_investment",
            "status",
            "updated_at",
        )
        order_by = ("-updated_at",)

    def render_reference(self, value: str, record: Application) -> Any:
        return format_html('<a href="{}">{}</a>', reverse("applications:detail", args=[record.pk]), value)

    def render_status(self, record: Application) -> Any:
        return format_html('<span class="status">{}</span>', record.get_status_display())

    def render_tier(self, record: Application) -> Any:
        return record.get_tier_display()

    def value_reference(self, value: str) -> str:
        return value

    def value_status(self, record: Application) -> str:
        return str(record.get_status_display())

    def value_verdict_eligible(self, value: bool | None) -> str:
        return {True: str(_("是")), False: str(_("否")), None: ""}[value]
