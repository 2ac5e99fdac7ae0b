"""Who may open the scoring pages (第九条): the expert's own review, the leader's panel, the Department's."""

from __future__ import annotations

from typing import Any

from smartmfg.scoring import actions
from tests.access.matrix_common import DEPT_ONLY, Row, row
from tests.access.matrix_experts import OWN_EXPERT, dept
from tests.scoring.builders import answers, panel, review_of, scored, seat, sheet_of

# The panel's pages are the leader's (the cast's expert): the Department is sent to its own pages (403).
LEADER = row(302, 404, 404, 404, 404, 403, 200, 404, 404)
# A submitted score's signed sheet: its expert and the Department.
OWN_SCORE = row(302, 404, 404, 404, 404, 200, 200, 404, 404)


def review_seat(cast: Any) -> dict[str, Any]:
    """The cast's expert's seat on B, the review open, a draft saved (so the check page has answers)."""
    draw, _experts = panel(cast, extra=1)
    place = seat(draw, cast.expert.expert)
    actions.do_save_score(place, **answers(sheet_of(cast.app_b)), actor=cast.expert)
    return {"pk": place.pk}


def submitted_score(cast: Any) -> dict[str, Any]:
    draw, _experts = panel(cast, extra=1)
    return {"pk": scored(draw, cast.expert.expert, cast.app_b, "80").pk}


def _led(cast: Any) -> Any:
    """The cast's expert leads a panel of two on B, and both submitted."""
    draw, experts = panel(cast, extra=1)
    review = actions.do_appoint_leader(review_of(draw), cast.expert.expert, actor=cast.dept)
    for expert, total in zip(experts, ("80", "75.5"), strict=True):
        scored(draw, expert, cast.app_b, total)
    return review


def led(cast: Any) -> dict[str, Any]:
    return {"pk": _led(cast).pk}


def led_application(cast: Any) -> dict[str, Any]:
    return {"pk": _led(cast).pk, "application": cast.app_b.pk}


def opened(cast: Any) -> dict[str, Any]:
    return {"pk": review_of(panel(cast, extra=1)[0]).pk}


def opened_application(cast: Any) -> dict[str, Any]:
    return {**opened(cast), "application": cast.app_b.pk}


def opened_summary(cast: Any) -> dict[str, Any]:
    return {**opened(cast), "fmt": "xlsx"}


def unopened_draw(cast: Any) -> dict[str, Any]:
    return {"pk": panel(cast, extra=1, open_review=False)[0].pk}


def any_seat(cast: Any) -> dict[str, Any]:
    draw, _experts = panel(cast, extra=1)
    return {"pk": seat(draw, cast.expert.expert).pk}


def proposed(cast: Any) -> dict[str, Any]:
    review = _led(cast)
    conclusion = actions.do_propose_conclusion(
        review, cast.app_b, recommended=True, opinion="同意推荐", actor=cast.expert
    )
    return {"pk": conclusion.pk}


def tier(cast: Any) -> dict[str, Any]:
    return {"call": cast.call.pk, "tier": "smart_factory"}


ROWS: dict[str, Row] = {
    "scoring:score": (review_seat, "get", OWN_EXPERT),
    "scoring:check": (review_seat, "get", OWN_EXPERT),
    "scoring:sheet_pdf": (submitted_score, "get", OWN_SCORE),
    "scoring:panel": (led, "get", LEADER),
    "scoring:propose": (led_application, "get", LEADER),
    "scoring:call": (lambda cast: {"call": cast.call.pk}, "get", DEPT_ONLY),
    "scoring:sheet": (tier, "get", DEPT_ONLY),
    # Posted empty: the Department sees the form again with its errors.
    "scoring:open": (unopened_draw, "post", dept(400)),
    "scoring:round": (opened, "get", DEPT_ONLY),
    "scoring:extend": (opened, "post", dept(400)),
    "scoring:leader": (opened, "post", dept(400)),
    "scoring:application": (opened_application, "get", DEPT_ONLY),
    "scoring:summary": (opened_summary, "get", DEPT_ONLY),
    "scoring:replace": (any_seat, "get", DEPT_ONLY),
    "scoring:confirm": (proposed, "post", dept(302)),
}
