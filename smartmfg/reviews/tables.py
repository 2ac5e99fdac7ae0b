"""The list of recommendation letters: sent and received."""

from __future__ import annotations

from typing import Any

import django_filters
import django_tables2 as tables
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from smartmfg.access import AnyUser, visible_letters
from smartmfg.lib.tables import Table
from smartmfg.reviews.models import LetterStatus, RecommendationLetter

SENT_BY_US = "sent"
RECEIVED = "received"
DIRECTION_CHOICES = [(SENT_BY_US, _("本部门拟制")), (RECEIVED, _("报送本部门"))]


def letters_queryset(user: AnyUser) -> QuerySet[RecommendationLetter]:
    return (
        visible_letters(user)
        .select_related("call", "sender", "recipient", "sent_by")
        .annotate(application_count=Count("applications"))
    )


class LetterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="search")
    direction = django_filters.ChoiceFilter(
        label=_("收发"), choices=DIRECTION_CHOICES, method="by_direction", empty_label=_("全部")
    )
    status = django_filters.ChoiceFilter(label=_("状态"), choices=LetterStatus.choices, empty_label=_("全部"))

    class Meta:
        model = RecommendationLetter
        fields = ("q", "direction", "status")

    def search(self, queryset: QuerySet[RecommendationLetter], name: str, value: str) -> QuerySet[RecommendationLetter]:
        return queryset.filter(
            Q(document_number__icontains=value) | Q(title__icontains=value) | Q(sender__name__icontains=value)
        )

    def by_direction(
        self, queryset: QuerySet[RecommendationLetter], name: str, value: str
    ) -> QuerySet[RecommendationLetter]:
        bureau = getattr(self.request.user, "jurisdiction", None)
        if bureau is None:
            return queryset
        return queryset.filter(sender=bureau) if value == SENT_BY_US else queryset.filter(recipient=bureau)


class LetterTable(Table):
    document_number = tables.Column(verbose_name=_("文号"))
    title = tables.Column(verbose_name=_("标题"))
    call = tables.Column(accessor="call__year", verbose_name=_("年度"))
    sender = tables.Column(accessor="sender__name", verbose_name=_("报送部门"))
    recipient = tables.Column(accessor="recipient__name", verbose_name=_("接收部门"))
    application_count = tables.Column(verbose_name=_("申报数"), attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    status = tables.Column(verbose_name=_("状态"))
    sent_at = tables.DateTimeColumn(verbose_name=_("报送时间"), format="Y-m-d H:i", default="—")
    created_at = tables.DateTimeColumn(verbose_name=_("拟稿时间"), format="Y-m-d H:i")

    class Meta(Table.Meta):
        model = RecommendationLetter
        fields = ()
        sequence = (
            "document_number",
            "title",
            "call",
            "sender",
            "recipient",
            "application_count",
            "status",
            "sent_at",
            "created_at",
        )
        order_by = ("-created_at",)

    def render_document_number(self, value: str, record: RecommendationLetter) -> Any:
        return format_html('<a href="{}">{}</a>', reverse("reviews:letter_detail", args=[record.pk]), value)

    def render_status(self, record: RecommendationLetter) -> Any:
        css = {LetterStatus.SENT: "good", LetterStatus.DRAFT: "wait"}.get(LetterStatus(record.status), "")
        return format_html('<span class="status {}">{}</span>', css, record.get_status_display())

    def value_document_number(self, value: str) -> str:
        return value

    def value_status(self, record: RecommendationLetter) -> str:
        return str(record.get_status_display())
