"""Who may open the local bureaus' pages : queue, judgements, letters."""

from __future__ import annotations

from typing import Any

from tests.access.matrix_common import BUREAUS_AND_DEPT, BUREAUS_ONLY, Row, none, row
from tests.journeys import draft, pass_review, recommended


def judgement_a(cast: Any) -> dict[str, Any]:
    return {"pk": cast.app_a.pk, "rule": "operations_finance"}


def draft_letter_a(cast: Any) -> dict[str, Any]:
    """A draft of 长春 listing A: its own business until sent."""
    return {"pk": draft(cast.changchun, [pass_review(cast.app_a, cast.changchun)]).pk}


def sent_letter_a(cast: Any) -> dict[str, Any]:
    """A letter of 长春 sent to the Department: 长春 and the Department read it."""
    return {"pk": recommended(cast.app_a, cast.changchun).pk}


def sent_letter_a_pdf(cast: Any) -> dict[str, Any]:
    return {**sent_letter_a(cast), "kind": "pdf"}


# A letter of 长春: its bureau and (once sent) the Department; 404 to everyone else.
SENT_LETTER_OF_A = row(302, 404, 404, 200, 404, 200, 404, 404, 404)
DRAFT_OF_A = row(302, 404, 404, 200, 404, 404, 404, 404, 404)

ROWS: dict[str, Row] = {
    "reviews:bureau_home": (none, "get", BUREAUS_ONLY),
    # A's enterprise and the Department see A but do not judge operations and finances.
    "reviews:judgement": (judgement_a, "get", row(302, 403, 404, 200, 404, 403, 404, 404, 404)),
    "reviews:letters": (none, "get", BUREAUS_AND_DEPT),
    "reviews:letter_new": (none, "get", BUREAUS_ONLY),
    "reviews:letter_detail": (sent_letter_a, "get", SENT_LETTER_OF_A),
    "reviews:letter_edit": (draft_letter_a, "get", DRAFT_OF_A),
    # Posted without the revision seen: 长春 is sent back to the letter, nothing is sent.
    "reviews:letter_send": (draft_letter_a, "post", row(302, 404, 404, 302, 404, 404, 404, 404, 404)),
    # Posted without a reason: 长春 sees the form again with the error.
    "reviews:letter_cancel": (draft_letter_a, "post", row(302, 404, 404, 400, 404, 404, 404, 404, 404)),
    "reviews:letter_document": (sent_letter_a_pdf, "get", SENT_LETTER_OF_A),
}
