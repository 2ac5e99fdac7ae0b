"""Panels ready to score, built cheaply: the draw and the assignment are part 1's and tested there.

``panel`` writes the rows a committed assignment leaves (a drawn draw, its
accepted invitations, one proposal, seats declared) and opens the review
through the action, so everything the scoring does goes through its own code.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from smartmfg.applications.models import Application
from smartmfg.experts.models import Draw, Expert, Proposal, Seat
from smartmfg.rules.experts.scoring import Sheet
from smartmfg.scoring import actions
from smartmfg.scoring.models import ReviewRound, Score
from tests.experts.builders import accepted_draw, in_review, pool


def panel(
    cast: Any,
    *applications: Application,
    experts: list[Expert] | None = None,
    extra: int = 2,
    due_in: dt.timedelta = dt.timedelta(days=7),
    declared: bool = True,
    open_review: bool = True,
) -> tuple[Draw, list[Expert]]:
    """Every expert seated on every application (the cast's expert first, then ``extra`` new ones)."""
    applications = applications or (cast.app_b,)
    in_review(cast, *applications)
    experts = experts if experts is not None else [cast.expert.expert, *pool(equipment=extra)]
    draw = accepted_draw(cast, *experts, reviews_per_application=len(experts), min_load=0, max_load=len(applications))
    proposal = Proposal.objects.create(
        draw=draw,
        pairs=[[a.pk, e.pk, 0.5] for a in applications for e in experts],
        total_affinity=0.5 * len(applications) * len(experts),
        computed_by=cast.dept,
        committed_at=timezone.now(),
    )
    Seat.objects.bulk_create(
        Seat(
            draw=draw,
            application=a,
            expert=e,
            proposal=proposal,
            affinity=0.5,
            declared_at=timezone.now() if declared else None,
        )
        for a in applications
        for e in experts
    )
    if open_review:
        actions.do_open_review(draw, due_at=timezone.now() + due_in, actor=cast.dept)
    return draw, experts


def review_of(draw: Draw) -> ReviewRound:
    return ReviewRound.objects.get(draw=draw)


def seat(draw: Draw, expert: Expert, application: Application | None = None) -> Seat:
    rows = Seat.objects.filter(draw=draw, expert=expert, status="active")
    if application is not None:
        rows = rows.filter(application=application)
    return rows.select_related("application__call", "expert").get()


def sheet_of(application: Application) -> Sheet:
    return actions.sheet_for(application.call, application.tier).sheet


def full_marks_minus(sheet: Sheet, total: str) -> dict[str, str]:
    """Points per criterion adding up to ``total`` (whole or half points): full marks, then less on the last ones."""
    missing = sum((c.points for c in sheet.criteria), Decimal(0)) - Decimal(total)
    points: dict[str, str] = {}
    for criterion in reversed(sheet.criteria):
        cut = min(missing, criterion.points)
        points[criterion.key] = str(criterion.points - cut)
        missing -= cut
    return {c.key: points[c.key] for c in sheet.criteria}


def answers(sheet: Sheet, total: str = "80", *, recommended: bool = True, **overrides: Any) -> dict[str, Any]:
    """What ``do_save_score`` takes for a complete, submittable sheet totalling ``total``."""
    values: dict[str, Any] = {
        "points": full_marks_minus(sheet, total),
        "comments": {c.key: f"{c.title}：与申报材料相符" for c in sheet.criteria},
        "vetoes": [],
        "opinion": "系统集成和数据贯通达到智能工厂要求。",
        "technical_merit": recommended,
        "recommended": recommended,
    }
    values.update(overrides)
    return values


def scored(draw: Draw, expert: Expert, application: Application, total: str, **overrides: Any) -> Score:
    """``expert`` scores ``application`` with ``total`` points and submits."""
    place = seat(draw, expert, application)
    actions.do_save_score(place, **answers(sheet_of(application), total, **overrides), actor=expert.user)
    return actions.do_submit_score(place, actor=expert.user)


def form_data(sheet: Sheet, values: dict[str, Any], **extra: str) -> dict[str, Any]:
    """The scoring page's POST for ``values`` (as ``answers`` gives them)."""
    data: dict[str, Any] = {f"points_{k}": v for k, v in values["points"].items()}
    data.update({f"comment_{k}": v for k, v in values["comments"].items()})
    data["vetoes"] = values["vetoes"]
    data["opinion"] = values["opinion"]
    yes_no = {True: "yes", False: "no", None: ""}
    data["technical_merit"] = yes_no[values["technical_merit"]]
    data["recommended"] = yes_no[values["recommended"]]
    data.update(extra)
    return data
