"""Who may read the public results: everyone."""

from __future__ import annotations

from tests.access.matrix_common import EVERYONE, Row, none

ROWS: dict[str, Row] = {
    "public:results": (none, "get", EVERYONE),
}
