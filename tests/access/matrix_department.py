"""Who may open the Department's pages."""

from __future__ import annotations

from tests.access.matrix_common import DEPT_ONLY, Row, none

ROWS: dict[str, Row] = {
    "department:home": (none, "get", DEPT_ONLY),
}
