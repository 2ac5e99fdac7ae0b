"""Who may open the pages of calls and their policy: the Department alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from smartmfg.calls.actions import do_create_call
from tests.access.matrix_common import DEPT_ONLY, Row, call, none


def draft_call(cast: Any) -> dict[str, Any]:
    now = timezone.now()
    draft = do_create_call(
        {
            "year": now.year,
            "title": "草稿批次",
            "opens_at": now,
            "closes_at": now + dt.timedelta(days=30),
            "bureau_review_deadline": timezone.localdate() + dt.timedelta(days=40),
            "confirm_second_call": True,
            "second_call_reason": "补充组织一批",
        },
        actor=cast.dept,
    )
    return {"pk": draft.pk}


ROWS: dict[str, Row] = {
    "calls:list": (none, "get", DEPT_ONLY),
    "calls:create": (none, "get", DEPT_ONLY),
    "calls:detail": (call, "get", DEPT_ONLY),
    "calls:edit": (call, "get", DEPT_ONLY),
    # The confirmation pages: opening a draft, closing the open call.
    "calls:open": (draft_call, "get", DEPT_ONLY),
    "calls:close": (call, "get", DEPT_ONLY),
    "calls:policy": (call, "get", DEPT_ONLY),
    "calls:import": (call, "get", DEPT_ONLY),
}
