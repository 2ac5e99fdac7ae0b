"""Who may use the application form (/apply/) and read an application's submissions.

The form is the applying enterprise's alone: the other roles get 403 (a page
of another role's workspace), the other enterprise 404 (as if the application
did not exist). A submission is read by whoever may read the application.
"""

from __future__ import annotations

from typing import Any

from tests import factories
from tests.access.matrix_common import OWN_A, Row, app_a, row

# GET of a step of A's form (A's application is submitted: its form shows read-only).
FORM_A = row(302, 200, 404, 403, 403, 403, 403, 403, 403)
# POST to A's draft: its enterprise is sent on, the other gets 404, the other roles 403.
POST_A = row(302, 302, 404, 403, 403, 403, 403, 403, 403)


def start_factory(cast: Any) -> dict[str, Any]:
    return {"call_id": cast.call.pk, "tier": "smart_factory"}


def _draft(cast: Any, tier: str) -> Any:
    return factories.draft_application(cast.call, cast.ent_a, tier=tier)


def factory_draft_a(cast: Any) -> dict[str, Any]:
    return {"pk": _draft(cast, "smart_factory").pk}


def future_draft_a(cast: Any) -> dict[str, Any]:
    return {"pk": _draft(cast, "future_factory").pk}


def draft_file_a(cast: Any) -> dict[str, Any]:
    draft = _draft(cast, "smart_factory")
    return {"pk": draft.pk, "attachment_id": draft.attachments.get().pk}


def first_submission_a(cast: Any) -> dict[str, Any]:
    return {"pk": cast.app_a.pk, "number": 1}


ROWS: dict[str, Row] = {
    # Any enterprise may start its own application in an open call.
    "apply:start": (start_factory, "post", row(302, 302, 302, 403, 403, 403, 403, 403, 403)),
    "apply:enterprise": (app_a, "get", FORM_A),
    "apply:project": (app_a, "get", FORM_A),
    "apply:investments": (app_a, "get", FORM_A),
    # An upload without a file is refused as bad input (400), not for want of permission.
    "apply:investments_upload": (factory_draft_a, "post", row(302, 400, 404, 403, 403, 403, 403, 403, 403)),
    "apply:investments_template": (app_a, "get", FORM_A),
    "apply:workshops": (factory_draft_a, "get", FORM_A),
    "apply:avoided": (factory_draft_a, "get", FORM_A),
    "apply:scenarios": (future_draft_a, "get", FORM_A),
    "apply:maturity": (app_a, "get", FORM_A),
    "apply:attachments": (app_a, "get", FORM_A),
    "apply:attachment_remove": (draft_file_a, "post", POST_A),
    "apply:commitment": (app_a, "get", FORM_A),
    "apply:confirm": (app_a, "get", FORM_A),
    # A complete draft: its enterprise submits it and lands on the application page.
    "apply:submit": (factory_draft_a, "post", POST_A),
    "apply:submission": (first_submission_a, "get", OWN_A),
}
