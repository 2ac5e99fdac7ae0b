"""Who may open the pages of calls and their policy."""

from __future__ import annotations

from tests.access.matrix_common import DEPT_ONLY, Row, call, none

ROWS: dict[str, Row] = {
    "calls:list": (none, "get", DEPT_ONLY),
    "calls:detail": (call, "get", DEPT_ONLY),
}
