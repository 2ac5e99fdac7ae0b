"""The list of calls."""

from __future__ import annotations

from typing import Any

import django_filters
import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from smartmfg.calls.models import Call, CallStatus
from smartmfg.lib.tables import Table


class CallTable(Table):
    year = tables.Column(verbose_name=_("年度"))
    title = tables.Column(verbose_name=_("申报通知标题"))
    document_number = tables.Column(verbose_name=_("通知文号"))
    opens_at = tables.DateTimeColumn(verbose_name=_("申报开始"), format="Y-m-d H:i")
    closes_at = tables.DateTimeColumn(verbose_name=_("申报截止"), format="Y-m-d H:i")
    status = tables.Column(verbose_name=_("状态"))
    application_count = tables.Column(
        verbose_name=_("已提交申报"), attrs={"td": {"class": "num"}, "th": {"class": "num"}}
    )

    class Meta(Table.Meta):
        model = Call
        fields = ()
        sequence = ("year", "title", "document_number", "opens_at", "closes_at", "status", "application_count")
        order_by = ("-year", "-opens_at")

    def render_title(self, value: str, record: Call) -> Any:
        return format_html('<a href="{}">{}</a>', reverse("calls:detail", args=[record.pk]), value)

    def value_title(self, value: str) -> str:
        return value

    def render_status(self, record: Call) -> Any:
        return record.get_status_display()


class CallFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("年度"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=CallStatus.choices, empty_label=_("全部"))

    class Meta:
        model = Call
        fields = ("year", "status")
