"""Who may open the expert pool's pages (第九条): the Department's alone.

Every role but the Department gets 403, the expert included, even on their
own record (they read it on ``experts:my_record``); the anonymous visitor
the login page. An empty POST reaches the Department's form, which answers
400 with its errors.
"""

from __future__ import annotations

from typing import Any

from tests.access.matrix_common import DEPT_ONLY, Row, none, row

DEPT_FORM = row(302, 403, 403, 403, 403, 400, 403, 403, 403)


def expert_record(cast: Any) -> dict[str, Any]:
    return {"pk": cast.expert.expert.pk}


def call(cast: Any) -> dict[str, Any]:
    return {"call": cast.call.pk}


ROWS: dict[str, Row] = {
    "experts:pool": (none, "get", DEPT_ONLY),
    "experts:add": (none, "get", DEPT_ONLY),
    "experts:import": (none, "get", DEPT_ONLY),
    "experts:import_template": (none, "get", DEPT_ONLY),
    "experts:detail": (expert_record, "get", DEPT_ONLY),
    "experts:edit": (expert_record, "get", DEPT_ONLY),
    "experts:status": (expert_record, "post", DEPT_FORM),
    "experts:add_conflict": (expert_record, "post", DEPT_FORM),
    "experts:waive": (expert_record, "post", DEPT_FORM),
    "experts:ratings": (call, "get", DEPT_ONLY),
}
