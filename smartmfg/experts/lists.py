"""Querysets the experts' pages, actions and messages share."""

from __future__ import annotations

from django.db.models import QuerySet

from smartmfg.applications.models import Application
from smartmfg.applications.states import Status
from smartmfg.experts.models import Draw, Seat, SeatStatus


def review_list(draw: Draw) -> QuerySet[Application]:
    """The applications a draw's experts review: the call's (tier's) applications in expert review (第九条)
    that no other draw's experts sit on already."""
    elsewhere = Seat.objects.filter(status=SeatStatus.ACTIVE).exclude(draw_id=draw.pk).values("application_id")
    rows = Application.objects.filter(call_id=draw.call_id, status=Status.EXPERT_REVIEW).exclude(pk__in=elsewhere)
    if draw.tier:
        rows = rows.filter(tier=draw.tier)
    return rows.select_related("call", "enterprise").order_by("pk")
