"""What the Department's workspace shows of a call: counts by stage, tier and region, and the work lists.

Every figure is one grouped query over the applications the user may see;
nothing is counted per row.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, DecimalField, Exists, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from smartmfg.access import AnyUser, visible_applications
from smartmfg.applications.models import Application
from smartmfg.applications.states import Status
from smartmfg.calls.models import Call
from smartmfg.evaluations.models import ExpertConclusion, SpotCheck
from smartmfg.jurisdictions.models import Jurisdiction
from smartmfg.lib.choices import label_of
from smartmfg.rules import facts


def call_applications(user: AnyUser, call: Call) -> QuerySet[Application]:
    """The call's applications the user may see, with what every stage list shows."""
    return visible_applications(user).filter(call=call).select_related("enterprise", "jurisdiction")


def with_expert_columns(queryset: QuerySet[Application]) -> QuerySet[Application]:
    """The latest expert conclusion and the spot checks' state, as columns of the same query."""
    latest = ExpertConclusion.objects.filter(application=OuterRef("pk")).order_by("-recorded_at", "-id")
    checks = SpotCheck.objects.filter(application=OuterRef("pk"))
    return queryset.annotate(
        latest_score=Subquery(latest.values("score")[:1], output_field=DecimalField(max_digits=5, decimal_places=2)),
        latest_recommended=Subquery(latest.values("recommended")[:1]),
        spot_pending=Exists(checks.filter(passed__isnull=True)),
        spot_failed=Exists(checks.filter(passed=False)),
        spot_passed=Exists(checks.filter(passed=True)),
    )


@dataclass(frozen=True)
class Stage:
    """One stage of the procedure, its article, how many applications wait there, and where to work."""

    label: Promise
    article: str
    statuses: tuple[Status, ...]
    url: str
    count: int = 0


def stages(call: Call, counts: Counter[str]) -> list[Stage]:
    """The Department's stages in the order of 第九条至第十二条, each with its work list."""
    pk = call.pk
    rows = [
        (_("资格复审"), "第九条", (Status.RECOMMENDED,), reverse("department:requalify", args=[pk])),
        (_("专家评审和现场抽查"), "第九条", (Status.EXPERT_REVIEW,), reverse("department:experts", args=[pk])),
        (_("审议"), "第十条", (Status.EXPERT_RECOMMENDED,), reverse("department:deliberation", args=[pk])),
        (_("发起公示"), "第十条", (Status.APPROVED,), reverse("notices:start", args=[pk])),
        (_("公示中"), "第十条", (Status.IN_NOTICE,), f"{reverse('department:call', args=[pk])}#notices"),
        (_("发文公布"), "第十条", (Status.NOTICE_PASSED,), reverse("notices:publish", args=[pk])),
        (_("培育"), "第五条至第七条", (Status.CULTIVATING,), reverse("department:cultivation", args=[pk])),
        (_("已认定"), "第十一条、第十二条", (Status.RECOGNISED,), _filtered(pk, status=Status.RECOGNISED)),
    ]
    return [Stage(label, article, states, url, sum(counts[s] for s in states)) for label, article, states, url in rows]


def _filtered(call_pk: int, **params: str) -> str:
    """The Department's application list, filtered to this call."""
    return f"{reverse('department:home')}?{urlencode({'call': call_pk, **params})}"


def overview(user: AnyUser, call: Call) -> dict[str, Any]:
    """Counts per status, per tier and per region (the bureau directly under the Department)."""
    applications = visible_applications(user).filter(call=call).order_by()
    by_status: Counter[str] = Counter(dict(applications.values_list("status").annotate(n=Count("id"))))
    by_tier = dict(applications.values_list("tier").annotate(n=Count("id")))
    return {
        "stages": stages(call, by_status),
        "total": sum(by_status.values()),
        "statuses": [
            {"label": label, "count": by_status[value], "url": _filtered(call.pk, status=value)}
            for value, label in Status.choices
            if by_status[value]
        ],
        "tiers": [
            {"label": label_of(facts.TIER_LABELS, tier), "count": by_tier[tier], "url": _filtered(call.pk, tier=tier)}
            for tier in facts.TIER_LABELS
            if tier in by_tier
        ],
        "regions": _regions(applications),
        "pending_spot_checks": SpotCheck.objects.filter(application__in=applications, passed__isnull=True).count(),
    }


def _regions(applications: QuerySet[Application]) -> list[dict[str, Any]]:
    """Counts per region: a county's applications count with its prefecture (the path's second key)."""
    counts: Counter[str] = Counter()
    for path, n in applications.values_list("jurisdiction__path").annotate(n=Count("id")):
        keys = path.strip("/").split("/")
        counts[keys[1] if len(keys) > 1 else keys[0]] += n
    names = dict(Jurisdiction.objects.filter(key__in=counts).values_list("key", "area"))
    return [{"label": names.get(key, key), "count": n} for key, n in sorted(counts.items())]


def overdue_cultivation(applications: list[Application], today: dt.date | None = None) -> list[Application]:
    """The cultivation projects whose call's deadline has passed without conversion or drop (the workbench's list)."""
    today = today or timezone.localdate()
    deadlines: dict[int, dt.date] = {}
    overdue = []
    for application in applications:
        if application.call_id not in deadlines:
            deadlines[application.call_id] = application.call.get_policy().cultivation_deadline
        if deadlines[application.call_id] < today:
            overdue.append(application)
    return overdue
