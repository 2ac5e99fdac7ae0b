"""Who may open the draws, the assignment and the expert's own pages (第九条)."""

from __future__ import annotations

from typing import Any

from smartmfg.experts import actions
from smartmfg.experts.models import Draw, Invitation, Seat
from tests.access.matrix_common import DEPT_ONLY, EVERYONE, EXPERTS_ONLY, Row, none, row
from tests.experts.builders import accept_all, assigned, drawn, in_review, new_draw, pool, published_draw


def _review(cast: Any) -> None:
    in_review(cast, cast.app_a, cast.app_b)
    pool(equipment=3)


def draft(cast: Any) -> dict[str, Any]:
    _review(cast)
    return {"pk": new_draw(cast).pk}


def frozen(cast: Any) -> dict[str, Any]:
    _review(cast)
    return {"pk": actions.do_freeze_draw(new_draw(cast), actor=cast.dept).pk}


def drawn_all(cast: Any) -> dict[str, Any]:
    """Every equipment expert drawn (the cast's expert among them), none answered yet."""
    _review(cast)
    return {"pk": drawn(cast, quotas={"equipment": 5}).pk}


def accepted(cast: Any) -> dict[str, Any]:
    _review(cast)
    done = drawn(cast, quotas={"equipment": 5})
    accept_all(done)
    return {"pk": done.pk}


def proposal(cast: Any) -> dict[str, Any]:
    done = Draw.objects.get(pk=accepted(cast)["pk"])
    return {"pk": actions.do_compute_proposal(done, actor=cast.dept).pk}


def invitation_of_expert(cast: Any) -> dict[str, Any]:
    done = drawn_all(cast)
    return {"pk": Invitation.objects.get(draw_id=done["pk"], expert=cast.expert.expert).pk}


def accepted_invitation(cast: Any) -> dict[str, Any]:
    done = Draw.objects.get(pk=accepted(cast)["pk"])
    return {"pk": Invitation.objects.filter(draw=done).first().pk}


def seat_of_expert(cast: Any) -> dict[str, Any]:
    _review(cast)
    done = assigned(cast, quotas={"equipment": 5})
    return {"pk": Seat.objects.filter(draw=done, expert=cast.expert.expert).first().pk}


def published(cast: Any) -> dict[str, Any]:
    return {"pk": published_draw(cast).pk}


# Only the invited (or seated) expert reaches their own invitation or seat; to everyone else it does not exist.
OWN_EXPERT = row(302, 404, 404, 404, 404, 404, 200, 404, 404)
OWN_EXPERT_POST = row(302, 404, 404, 404, 404, 404, 302, 404, 404)


def dept(code: int) -> dict[str, int]:
    return row(302, 403, 403, 403, 403, code, 403, 403, 403)


ROWS: dict[str, Row] = {
    "experts:home": (none, "get", EXPERTS_ONLY),
    "experts:my_record": (none, "get", EXPERTS_ONLY),
    "experts:accept": (invitation_of_expert, "post", OWN_EXPERT_POST),
    "experts:decline": (invitation_of_expert, "get", OWN_EXPERT),
    "experts:declare": (seat_of_expert, "get", OWN_EXPERT),
    "experts:draws": (lambda cast: {"call": cast.call.pk}, "get", DEPT_ONLY),
    "experts:new_draw": (lambda cast: {"call": cast.call.pk}, "get", DEPT_ONLY),
    "experts:draw": (draft, "get", DEPT_ONLY),
    # Posted empty: the Department sees the form again with its errors.
    "experts:exclude": (draft, "post", dept(400)),
    "experts:freeze": (draft, "post", dept(302)),
    # Posted empty: no public value, so the platform draws the seed.
    "experts:run": (frozen, "post", dept(302)),
    "experts:document": (drawn_all, "get", DEPT_ONLY),
    "experts:expire": (drawn_all, "post", dept(302)),
    "experts:pair_rule": (accepted, "post", dept(400)),
    # Posted without a reason: the Department sees the draw's page again with the error.
    "experts:release": (accepted_invitation, "post", dept(400)),
    "experts:propose": (accepted, "post", dept(302)),
    "experts:proposal": (proposal, "get", DEPT_ONLY),
    "experts:commit": (proposal, "post", dept(302)),
    # Once the call's result is published, its draw records are public (codes only).
    "public:draw_record": (published, "get", EVERYONE),
}
