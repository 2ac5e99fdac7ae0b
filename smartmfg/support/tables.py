"""The support ledger (奖补资金台账, 第十一条至第十二条): every grant, what was paid and what is left."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from smartmfg.lib.tables import MoneyColumn, Table
from smartmfg.support.models import SupportGrant


class GrantTable(Table):
    granted_on = tables.DateColumn(verbose_name=_("下达日期"), format="Y-m-d")
    reference = tables.Column(accessor="application__reference", verbose_name=_("申报编号"))
    enterprise = tables.Column(accessor="application__enterprise__name", verbose_name=_("企业"))
    document_number = tables.Column(verbose_name=_("拨付文号"))
    amount = MoneyColumn(verbose_name=_("奖补金额（元）"))
    paid = MoneyColumn(verbose_name=_("已拨付（元）"))
    left = MoneyColumn(verbose_name=_("尚未拨付（元）"))
    status = tables.Column(accessor="application__status", verbose_name=_("认定状态"))

    class Meta(Table.Meta):
        model = SupportGrant
        fields = ()
        sequence = ("granted_on", "reference", "enterprise", "document_number", "amount", "paid", "left", "status")
        order_by = ("-granted_on",)

    def render_reference(self, value: str, record: SupportGrant) -> Any:
        return format_html('<a href="{}">{}</a>', reverse("applications:detail", args=[record.application_id]), value)

    def render_status(self, record: SupportGrant) -> str:
        return str(record.application.get_status_display())

    def value_reference(self, value: str) -> str:
        return value

    def value_status(self, record: SupportGrant) -> str:
        return str(record.application.get_status_display())
