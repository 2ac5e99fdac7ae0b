"""The demo call's scoring (第九条): the review opened, the other experts' scores in, one of them an outlier.

The login ``expert`` (ZJ0001) leads the panel and has its own seats still to
declare and score, so a visitor can try the whole of an expert's work; every
other seated expert has declared and submitted. Run once, as the rest of the demo.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from smartmfg.accounts.models import User
from smartmfg.calls.models import Call
from smartmfg.experts.actions import do_declare_no_conflict
from smartmfg.experts.models import Draw, SeatStatus
from smartmfg.rules.experts.scoring import Sheet
from smartmfg.scoring.actions import do_appoint_leader, do_open_review, do_save_score, do_submit_score, sheet_for
from smartmfg.scoring.models import ReviewRound

# Each other expert's total on an application, by its order on the panel; one far below the others.
TOTALS = ("84", "81.5", "86", "79", "83.5", "80", "77.5", "88")
OUTLIER = "52"


def review_scores(call: Call, users: dict[str, User]) -> None:
    draw = Draw.objects.filter(call=call).order_by("created_at").first()
    if draw is None or ReviewRound.objects.filter(draw=draw).exists():
        return
    officer = users["dept"]
    review = do_open_review(draw, due_at=timezone.now() + dt.timedelta(days=7), actor=officer)
    leader = users["expert"].expert
    do_appoint_leader(review, leader, actor=officer)
    seats = draw.seats.filter(status=SeatStatus.ACTIVE).exclude(expert=leader).select_related("application", "expert")
    outlier_given = False
    for n, seat in enumerate(seats.order_by("application_id", "expert__code")):
        do_declare_no_conflict(seat, actor=seat.expert.user)
        sheet = sheet_for(seat.application.call, seat.application.tier).sheet
        total = TOTALS[n % len(TOTALS)]
        if not outlier_given and n >= 2:
            total, outlier_given = OUTLIER, True
        do_save_score(
            seat,
            points=_points(sheet, Decimal(total)),
            comments={c.key: f"{c.title}：经审阅申报材料，情况属实" for c in sheet.criteria},
            vetoes=[],
            opinion="项目建设内容与申报类别相符，智能制造水平较高。"
            if Decimal(total) >= 60
            else "数据贯通和系统集成与申报材料描述差距较大。",
            technical_merit=Decimal(total) >= 60,
            recommended=Decimal(total) >= 60,
            actor=seat.expert.user,
        )
        do_submit_score(seat, actor=seat.expert.user)


def _points(sheet: Sheet, total: Decimal) -> dict[str, str]:
    """Full marks less the difference, taken from the last criteria first (whole and half points stay such)."""
    missing = sheet.total_points - total
    points: dict[str, str] = {}
    for criterion in reversed(sheet.criteria):
        cut = min(missing, criterion.points)
        points[criterion.key] = str(criterion.points - cut)
        missing -= cut
    return points
