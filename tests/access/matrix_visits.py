"""Who may open the spot checks (第九条): the Department's pages, and a visit's pages for its experts only."""

from __future__ import annotations

from typing import Any

from smartmfg.visits import actions
from tests.access.matrix_common import DEPT_ONLY, EXPERTS_ONLY, Row, row
from tests.visits.builders import fill, in_review, members_of, photo_of, scheduled, sign


def call(cast: Any) -> dict[str, Any]:
    return {"call": cast.call.pk}


def draft(cast: Any) -> dict[str, Any]:
    in_review(cast, cast.app_a)
    return {"pk": actions.do_create_spot_draw(cast.call, actor=cast.dept).pk}


def frozen(cast: Any) -> dict[str, Any]:
    spot_draw = actions.do_create_spot_draw(cast.call, actor=cast.dept)
    in_review(cast, cast.app_a)
    return {"pk": actions.do_freeze_spot_draw(spot_draw, actor=cast.dept).pk}


def drawn(cast: Any) -> dict[str, Any]:
    spot_draw = actions.do_create_spot_draw(cast.call, actor=cast.dept)
    in_review(cast, cast.app_a)
    spot_draw = actions.do_freeze_spot_draw(spot_draw, actor=cast.dept)
    return {"pk": actions.do_run_spot_draw(spot_draw, actor=cast.dept).pk}


def app_a(cast: Any) -> dict[str, Any]:
    return {"pk": cast.app_a.pk}


def visit(cast: Any) -> dict[str, Any]:
    """A visit of application A by the cast's expert and another; the conflicted expert is not a member."""
    return {"pk": scheduled(cast).pk}


def reported(cast: Any) -> dict[str, Any]:
    done = scheduled(cast)
    fill(done, cast.expert)
    sign(done, *members_of(done))  # the report's PDF is a stand-in (builders.cheap_pdfs)
    return {"pk": done.pk}


def item(cast: Any) -> dict[str, Any]:
    return {"pk": scheduled(cast).items.first().pk}


def photo(cast: Any) -> dict[str, Any]:
    return {"pk": photo_of(scheduled(cast), cast.expert).pk}


def dept(code: int) -> dict[str, int]:
    return row(302, 403, 403, 403, 403, code, 403, 403, 403)


def member(code: int) -> dict[str, int]:
    """Only the visit's member reaches it; to everyone else, the Department included, it does not exist."""
    return row(302, 404, 404, 404, 404, 404, code, 404, 404)


ROWS: dict[str, Row] = {
    "visits:call": (call, "get", DEPT_ONLY),
    "visits:create_draw": (call, "post", dept(302)),
    # Posted empty: the form comes back with its errors.
    "visits:pick": (call, "post", dept(400)),
    "visits:freeze_draw": (draft, "post", dept(302)),
    # Posted empty: no public value, so the platform draws the seed.
    "visits:run_draw": (frozen, "post", dept(302)),
    "visits:draw_document": (drawn, "get", DEPT_ONLY),
    # Shown with the reason it cannot be scheduled yet (A is not a spot check's object).
    "visits:schedule": (app_a, "get", DEPT_ONLY),
    "visits:detail": (visit, "get", DEPT_ONLY),
    "visits:report": (reported, "get", DEPT_ONLY),
    "visits:mine": (lambda cast: {}, "get", EXPERTS_ONLY),
    "visits:visit": (visit, "get", member(200)),
    # Posted empty: the statement is missing, the page comes back with the error.
    "visits:sign": (visit, "post", member(400)),
    "visits:add_photo": (item, "post", member(400)),
    "visits:remove_photo": (photo, "post", member(302)),
    # A photo: the visit's members and the Department.
    "visits:photo": (photo, "get", row(302, 404, 404, 404, 404, 200, 200, 404, 404)),
}
