"""Pages anyone may read: what the programme is, the open calls, the results."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from smartmfg.access import (
    get_call_for_user,
    get_draw_record_for_user,
    visible_calls,
    visible_draw_records,
    visible_publications,
)
from smartmfg.calls.models import CallStatus
from smartmfg.certificates.published import PublicStatus, published_rows
from smartmfg.experts.documents import draw_document_response
from smartmfg.lib.choices import label_of
from smartmfg.notices.documents import outcome_label
from smartmfg.rules.facts import TIER_LABELS, TIERS
from smartmfg.rules.policy import DEFAULT_POLICY, Policy


def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    open_calls = list(
        visible_calls(request.user).filter(status=CallStatus.OPEN, closes_at__gt=now).order_by("closes_at")
    )
    # The conditions as the open call sets them (第十四条 lets a call adjust them); the Rules' own otherwise.
    policy = open_calls[0].get_policy() if len(open_calls) == 1 else DEFAULT_POLICY
    return render(request, "public/home.html", {"open_calls": open_calls, "tiers": tier_summaries(policy)})


def tier_summaries(policy: Policy) -> list[dict[str, Any]]:
    """Per tier (第五条至第七条): its name and the figures an enterprise checks first."""
    return [
        {
            "code": tier,
            "label": label_of(TIER_LABELS, tier),
            "years": policy.investment_window_years,
            "investment": policy.min_investment[tier],
            "maturity_from": policy.min_maturity_level[tier],
            "maturity_to": policy.max_maturity_level[tier],
            "workshops": policy.min_workshops,
            "scenarios": policy.min_scenarios,
        }
        for tier in TIERS
    ]


def results(request: HttpRequest) -> HttpResponse:
    """第十条: every published list, by year, as issued (enterprise, tier, project, region, outcome), with
    each line's recognition number and its downloads as open data (``opendata_views``).

    Only publications appear: nothing in notice or deliberation is shown
    here. A recognition revoked since (第十二条) is marked as such, with its date.
    """
    publications = list(visible_publications(request.user).select_related("call").order_by("-published_on", "-id"))
    rows = published_rows(publications)
    draws: dict[int, list[Any]] = {}
    for record in visible_draw_records(request.user).order_by("drawn_at"):
        draws.setdefault(record.call_id, []).append(record)
    years: dict[int, list[dict[str, Any]]] = {}
    for publication in publications:
        years.setdefault(publication.call.year, []).append(
            {
                "publication": publication,
                "lines": [
                    _line(line, row) for line, row in zip(publication.entries, rows[publication.pk], strict=True)
                ],
                "draws": draws.get(publication.call_id, []),
            }
        )
    return render(request, "public/results.html", {"years": sorted(years.items(), reverse=True)})


def _line(line: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    return {
        **line,
        "tier_label": label_of(TIER_LABELS, line["tier"]),
        "outcome_label": outcome_label(line["outcome"]),
        "revoked": row["status"] == PublicStatus.REVOKED,
        "revoked_on": row["revoked_on"],
        "number": row["recognition_number"],
    }


def draw_record(request: HttpRequest, pk: int) -> HttpResponse:
    """第九条 and 第十条: a published call's expert draw, for anyone to re-run (codes only)."""
    return draw_document_response(get_draw_record_for_user(request.user, pk))


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_call_for_user(request.user, pk)
    return render(request, "public/call_detail.html", {"call": call, "tiers": TIER_LABELS})


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
