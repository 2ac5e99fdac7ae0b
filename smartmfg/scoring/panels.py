"""What the panel's pages, the summary table and the Department's review page read: one query per round.

Every figure comes with the expert who gave it (their code; the name for the
Department and the leader), so each number of the conclusion traces back.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from smartmfg.applications.models import Application
from smartmfg.experts.models import SeatStatus
from smartmfg.lib.choices import current_lang
from smartmfg.rules.experts.aggregate import Aggregate, aggregate, ranked
from smartmfg.rules.experts.scoring import Sheet
from smartmfg.scoring.models import Conclusion, ReviewRound, Score


@dataclass
class PanelRow:
    application: Application
    seats: int
    scores: list[Score]
    result: Aggregate | None
    conclusion: Conclusion | None
    rank: int | None = None
    outliers: set[str] = field(default_factory=set)

    @property
    def submitted(self) -> list[Score]:
        return [s for s in self.scores if s.is_submitted]

    @property
    def complete(self) -> bool:
        return self.seats > 0 and len(self.submitted) == self.seats

    @property
    def vetoes(self) -> list[str]:
        return sorted({v for s in self.submitted for v in s.vetoes})

    @property
    def recommending(self) -> int:
        return sum(1 for s in self.submitted if s.recommended)


def panel_rows(review: ReviewRound) -> list[PanelRow]:
    """The round's applications with their standing scores and aggregate, ranked by it (ties share a rank)."""
    seats = review.draw.seats.filter(status=SeatStatus.ACTIVE).select_related("application__enterprise", "expert")
    applications: dict[int, Application] = {}
    counts: dict[int, int] = defaultdict(int)
    for seat in seats:
        applications[seat.application_id] = seat.application
        counts[seat.application_id] += 1
    by_application: dict[int, list[Score]] = defaultdict(list)
    for score in (
        Score.objects.filter(round=review, seat__status=SeatStatus.ACTIVE)
        .select_related("seat__expert", "sheet")
        .order_by("seat__expert__code")
    ):
        by_application[score.seat.application_id].append(score)
    conclusions: dict[int, Conclusion] = {}
    for conclusion in Conclusion.objects.filter(round=review).order_by("proposed_at", "id"):
        conclusions[conclusion.application_id] = conclusion  # the latest stands
    rows = []
    for pk, application in applications.items():
        scores = by_application.get(pk, [])
        submitted = [s for s in scores if s.is_submitted and s.total is not None]
        totals = [s.total for s in submitted if s.total is not None]
        result = aggregate(totals, review.rule, review.outlier_threshold) if totals else None
        row = PanelRow(application, counts[pk], scores, result, conclusions.get(pk))
        if result is not None:
            row.outliers = {submitted[i].seat.expert.code for i in result.outliers}
        rows.append(row)
    order = ranked([(row, row.result.value if row.result else None) for row in rows])
    for rank, row, _value in order:
        row.rank = rank
    return [row for _rank, row, _value in order]


def scores_table(review: ReviewRound, application: Application) -> dict[str, Any]:
    """One application: each expert's points per criterion, total, judgements and opinion, and the aggregate."""
    row = next((r for r in panel_rows(review) if r.application.pk == application.pk), None)
    scores = row.submitted if row else []
    sheet: Sheet | None = scores[0].sheet.sheet if scores else None
    experts = [
        {
            "score": s,
            "code": s.seat.expert.code,
            "name": s.seat.expert.name,
            "points": [s.points.get(c.key, "") for c in sheet.criteria] if sheet else [],
            "outlier": row is not None and s.seat.expert.code in row.outliers,
            "vetoes": [v.label.render(current_lang()) for v in sheet.vetoes if v.key in s.vetoes] if sheet else [],
        }
        for s in scores
    ]
    means = []
    if sheet:
        for c in sheet.criteria:
            given = [Decimal(s.points[c.key]) for s in scores if c.key in s.points]
            means.append((sum(given, Decimal(0)) / len(given)).quantize(Decimal("0.01")) if given else None)
    return {"row": row, "sheet": sheet, "experts": experts, "criterion_means": means}


@dataclass
class ExpertReview:
    """One draw's seats of one expert, for their home page: the deadline and n of m scored."""

    draw: Any
    review: ReviewRound | None
    due: Any
    seats: list[tuple[Any, Score | None]]

    @property
    def done(self) -> int:
        return sum(1 for _seat, score in self.seats if score is not None and score.is_submitted)


def reviews_of(expert: Any, seats: list[Any]) -> list[ExpertReview]:
    """The expert's declared seats grouped by draw, with each seat's score (three queries, whatever the count)."""
    declared = [s for s in seats if s.declared_at is not None]
    if expert is None or not declared:
        return []
    draws = {s.draw_id: s.draw for s in declared}
    rounds = {r.draw_id: r for r in ReviewRound.objects.filter(draw_id__in=draws)}
    extended: dict[int, Any] = {}
    for review in rounds.values():
        for extension in review.extensions.filter(expert=expert).order_by("granted_at", "id"):
            extended[review.pk] = extension.due_at
    scores = {s.seat_id: s for s in Score.objects.filter(seat__in=declared)}
    grouped: dict[int, ExpertReview] = {}
    for seat in declared:
        found = rounds.get(seat.draw_id)
        due = extended.get(found.pk, found.due_at) if found else None
        item = grouped.setdefault(seat.draw_id, ExpertReview(draws[seat.draw_id], found, due, []))
        item.seats.append((seat, scores.get(seat.pk)))
    return list(grouped.values())
