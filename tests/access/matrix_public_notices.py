"""Who may read the public notices (Art. 10): everyone, signed in or not; a notice not started is nobody's."""

from __future__ import annotations

from typing import Any

from tests.access.matrix_common import EVERYONE, Row, none
from tests.journeys import advance, start_notice


def open_notice(cast: Any) -> dict[str, Any]:
    return {"pk": start_notice(cast, cast.call, advance(cast, cast.app_a, "approved"), ended=False).pk}


ROWS: dict[str, Row] = {
    "public_notices:index": (none, "get", EVERYONE),
    "public_notices:notice": (open_notice, "get", EVERYONE),
    "public_notices:feed": (none, "get", EVERYONE),
}
