"""Who gets what from the API (``/api/v1/``).

401 is the API's “not signed in” (no session, no token); objects a persona
may not see are 404 exactly as on the pages. The step row withdraws
enterprise A's submitted application: only enterprise A may (the 长春
bureau and the Department see it but are refused, 403).
"""

from __future__ import annotations

from typing import Any

from tests.access.matrix_common import EVERYONE, Row, none, row


def application_a(cast: Any) -> dict[str, Any]:
    return {"application_id": cast.app_a.pk}


def withdraw_a(cast: Any) -> dict[str, Any]:
    return {"application_id": cast.app_a.pk, "action": "withdraw"}


NOWHERE = row(404, 404, 404, 404, 404, 404, 404, 404, 404)
# The calculator needs no account; an empty body is invalid input for everyone.
BAD_INPUT = row(400, 400, 400, 400, 400, 400, 400, 400, 400)
SIGNED_IN_API = row(401, 200, 200, 200, 200, 200, 200, 200, 200)
OWN_A_API = row(401, 200, 404, 200, 404, 200, 404, 404, 404)
WITHDRAW_A_API = row(401, 200, 404, 403, 404, 403, 404, 404, 404)

ROWS: dict[str, Row] = {
    "api:openapi-json": (none, "get", EVERYONE),
    "api:openapi-view": (none, "get", EVERYONE),
    "api:api-root": (none, "get", NOWHERE),
    "api:eligibility": (none, "post", BAD_INPUT),
    "api:application_list": (none, "get", SIGNED_IN_API),
    "api:application_detail": (application_a, "get", OWN_A_API),
    "api:application_step": (withdraw_a, "post", WITHDRAW_A_API),
}
