"""Who may open the local bureaus' pages (and the expert's home)."""

from __future__ import annotations

from tests.access.matrix_common import BUREAUS_ONLY, EXPERTS_ONLY, Row, none

ROWS: dict[str, Row] = {
    "reviews:bureau_home": (none, "get", BUREAUS_ONLY),
    "reviews:expert_home": (none, "get", EXPERTS_ONLY),
}
