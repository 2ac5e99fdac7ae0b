"""Who may open the pages of records about enterprises."""

from __future__ import annotations

from typing import Any

from tests.access.matrix_common import Row, row


def credit_check_a(cast: Any) -> dict[str, Any]:
    return {"pk": cast.enterprise_a.pk, "kind": "credit_check"}


ROWS: dict[str, Row] = {
    # A's bureau and the Department record; A itself sees its page but may not; others get 404.
    "enterprises:add_record": (credit_check_a, "get", row(302, 403, 404, 200, 404, 200, 404, 404, 404)),
}
