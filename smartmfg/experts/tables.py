"""The expert pool's list (第九条): who, where from, their standing, how much they reviewed and how well.

Every column comes from the row itself or an annotation of ``pool_rows``:
the list costs the same few queries however many experts it shows.
"""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.db.models import Count, F, FloatField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from smartmfg.experts.models import Expert, ExpertStatus, Rating, SeatStatus
from smartmfg.lib.tables import Table

NUM = {"td": {"class": "num"}, "th": {"class": "num"}}
STATUS_CSS = {ExpertStatus.ACTIVE: "good", ExpertStatus.SUSPENDED: "wait", ExpertStatus.RETIRED: "bad"}


def pool_rows(experts: QuerySet[Expert]) -> QuerySet[Expert]:
    """The experts with their group, how many seats they held (removed ones aside) and their latest rating.

    The latest rating is that of the most recent call rated; its average is
    the mean of timeliness and diligence.
    """
    latest = (
        Rating.objects.filter(expert=OuterRef("pk"))
        .order_by("-call__opens_at", "-rated_at", "-id")
        .annotate(average=Cast(F("timeliness") + F("diligence"), FloatField()) / 2)
        .values("average")[:1]
    )
    return experts.select_related("group").annotate(
        reviews=Count("seats", filter=Q(seats__status=SeatStatus.ACTIVE)),
        latest_rating=Subquery(latest, output_field=FloatField()),
    )


class PoolTable(Table):
    code = tables.Column(verbose_name=_("专家编号"))
    name = tables.Column(verbose_name=_("姓名"))
    employer = tables.Column(verbose_name=_("工作单位"))
    title = tables.Column(verbose_name=_("职称"))
    group = tables.Column(accessor="group__name", verbose_name=_("专业组"), order_by=("group__order", "group__code"))
    status = tables.Column(verbose_name=_("状态"))
    term_end = tables.DateColumn(verbose_name=_("聘期结束"), format="Y-m-d")
    reviews = tables.Column(verbose_name=_("评审项数"), attrs=NUM)
    latest_rating = tables.Column(verbose_name=_("最近评价（平均分）"), attrs=NUM)

    class Meta(Table.Meta):
        model = Expert
        fields: tuple[str, ...] = ()
        sequence = (
            "code",
            "name",
            "employer",
            "title",
            "group",
            "status",
            "term_end",
            "reviews",
            "latest_rating",
        )
        order_by = ("code",)

    def render_code(self, value: str, record: Expert) -> Any:
        return format_html('<a href="{}">{}</a>', reverse("experts:detail", args=[record.pk]), value)

    def value_code(self, value: str) -> str:
        return value

    def render_title(self, record: Expert) -> Any:
        return record.get_title_display()

    def value_title(self, record: Expert) -> str:
        return str(record.get_title_display())

    def render_status(self, record: Expert) -> Any:
        css = STATUS_CSS.get(ExpertStatus(record.status), "")
        return format_html('<span class="status {}">{}</span>', css, record.get_status_display())

    def value_status(self, record: Expert) -> str:
        return str(record.get_status_display())

    def render_latest_rating(self, value: float) -> str:
        return f"{value:.1f}"

    def value_latest_rating(self, value: float | None) -> str:
        return "" if value is None else f"{value:.1f}"
