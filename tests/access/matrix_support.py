"""Who may open the pages of Art. 11 support: the Department records it; the ledger is the Department's.

The forms of a recognised application of enterprise A: the Department fills
them; those who may read the application (its enterprise, its bureau) are
refused (403); anyone else does not see it (404).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests import factories
from tests.access.matrix_common import DEPT_ONLY, Row, none, row
from tests.journeys import advance

DEPT_RECORDS_A = row(302, 403, 404, 403, 404, 200, 404, 404, 404)


def recognised_a(cast: Any) -> dict[str, Any]:
    return {"pk": advance(cast, cast.app_a, "published").pk}


def grant_of_a(cast: Any) -> dict[str, Any]:
    recognised = advance(cast, cast.app_a, "published")
    return {"pk": factories.support(recognised, cast.dept, Decimal("100000.00"), paid=Decimal("0")).pk}


ROWS: dict[str, Row] = {
    "support:ledger": (none, "get", DEPT_ONLY),
    "support:grant": (recognised_a, "get", DEPT_RECORDS_A),
    "support:payment": (grant_of_a, "get", DEPT_RECORDS_A),
}
