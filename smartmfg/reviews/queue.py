"""The bureau's queue: what awaits it first, everything of its jurisdiction on demand.

Lists go through ``lib.tables.table_page``; this module gives the bureau's
list its own first filter (待办 by default), its columns, and the figures above
the list (counts per status, the calls' review deadlines).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import django_filters
import django_tables2 as tables
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartmfg.access import AnyUser, held_applications, visible_applications, visible_calls
from smartmfg.applications.filters import ApplicationFilter
from smartmfg.applications.models import Application
from smartmfg.applications.states import Status
from smartmfg.applications.tables import ApplicationTable
from smartmfg.calls.models import Call, CallStatus
from smartmfg.lib.tables import Table

# A deadline this close (in calendar days) is shown as a warning.
DEADLINE_WARNING_DAYS = 7

TODO = "todo"
TO_SEND = "to_send"
ALL = "all"
SCOPE_CHOICES = [
    (TODO, _("待初审（本部门办理）")),
    (TO_SEND, _("初审通过待行文报送")),
    (ALL, _("辖区全部申报")),
]
# What each scope shows of what the bureau holds.
SCOPE_STATUS = {TODO: Status.SUBMITTED, TO_SEND: Status.BUREAU_PASSED}


class BureauQueueFilter(ApplicationFilter):
    """The application filters, with the bureau's own scope first; 待初审 when nothing is chosen."""

    scope = django_filters.ChoiceFilter(label=_("范围"), choices=SCOPE_CHOICES, method="by_scope", empty_label=None)

    class Meta:
        model = Application
        fields = ("scope", "q", "call", "tier", "status", "verdict")

    def __init__(self, data: QueryDict | None = None, *args: Any, **kwargs: Any) -> None:
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("scope"):
            data["scope"] = TODO
        super().__init__(data, *args, **kwargs)

    def by_scope(self, queryset: QuerySet[Application], name: str, value: str) -> QuerySet[Application]:
        if value not in SCOPE_STATUS:
            return queryset
        return queryset.filter(status=SCOPE_STATUS[value]) & held_applications(self.request.user)


class BureauQueueTable(ApplicationTable):
    applied_on = tables.DateColumn(verbose_name=_("申报日期"), format="Y-m-d")
    holder = tables.Column(accessor="holder__name", verbose_name=_("当前办理部门"), default="—")

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
            "holder",
            "applied_on",
            "updated_at",
        )
        order_by = ("applied_on",)


def queue_queryset(user: AnyUser) -> QuerySet[Application]:
    """Every application the bureau may see, with what the columns show."""
    return visible_applications(user).select_related("enterprise", "jurisdiction", "call", "holder")


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


def queue_counts(user: AnyUser) -> dict[str, Any]:
    """How many await the bureau (held by it, per scope) and how many of each status it can see; one query."""
    held = held_applications(user).values_list("pk", flat=True)
    totals = (
        queue_queryset(user)
        .order_by()
        .values("status")
        .annotate(n=Count("id"), held=Count("id", filter=Q(pk__in=held)))
    )
    by_status = {row["status"]: row for row in totals}
    return {
        "todo_count": by_status.get(Status.SUBMITTED, {}).get("held", 0),
        "to_send_count": by_status.get(Status.BUREAU_PASSED, {}).get("held", 0),
        "status_counts": [
            StatusCount(value, str(label), by_status[value]["n"])
            for value, label in Status.choices
            if value in by_status
        ],
    }


@dataclass(frozen=True)
class Deadline:
    call: Call
    date: dt.date
    days_left: int

    @property
    def passed(self) -> bool:
        return self.days_left < 0

    @property
    def near(self) -> bool:
        return 0 <= self.days_left <= DEADLINE_WARNING_DAYS

    @property
    def overdue_days(self) -> int:
        return -self.days_left


def review_deadlines(user: AnyUser) -> list[Deadline]:
    """The bureau review deadline (属地初审截止日期) of each call still open or with work waiting here."""
    waiting = held_applications(user).filter(status__in=list(SCOPE_STATUS.values())).values("call_id")
    calls = visible_calls(user).filter(Q(status=CallStatus.OPEN) | Q(pk__in=waiting)).order_by("bureau_review_deadline")
    today = timezone.localdate()
    return [Deadline(call, call.bureau_review_deadline, (call.bureau_review_deadline - today).days) for call in calls]
