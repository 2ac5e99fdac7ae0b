"""Who may open the pages of the public notice and publication (Art. 10).

Managing a notice is the Department's (others 403); the published list,
as Word or PDF, is a public document anyone may download.
"""

from __future__ import annotations

from typing import Any

from smartmfg.notices.actions import do_record_objection
from tests.access.matrix_common import DEPT_ONLY, EVERYONE, Row, row
from tests.journeys import advance, start_notice, today

DEPT_FORM = row(302, 403, 403, 403, 403, 400, 403, 403, 403)
# Ending a notice still in its period: the Department is sent back to the notice with the reason.
DEPT_REDIRECT = row(302, 403, 403, 403, 403, 302, 403, 403, 403)


def stage_call(cast: Any) -> dict[str, Any]:
    return {"call": cast.call.pk}


def _open_notice(cast: Any) -> Any:
    return start_notice(cast, cast.call, advance(cast, cast.app_a, "approved"), ended=False)


def notice(cast: Any) -> dict[str, Any]:
    return {"pk": _open_notice(cast).pk}


def objection(cast: Any) -> dict[str, Any]:
    open_notice = _open_notice(cast)
    record = do_record_objection(
        open_notice,
        cast.app_a,
        received_on=today(),
        objector="",
        objector_contact="",
        content="异议",
        actor=cast.dept,
    )
    return {"pk": record.pk}


def publication(cast: Any) -> dict[str, Any]:
    advance(cast, cast.app_a, "published")
    return {"pk": cast.app_a.publications.get().pk}


ROWS: dict[str, Row] = {
    "notices:start": (stage_call, "get", DEPT_ONLY),
    "notices:publish": (stage_call, "get", DEPT_ONLY),
    "notices:manage": (notice, "get", DEPT_ONLY),
    "notices:add_objection": (notice, "post", DEPT_FORM),
    "notices:end": (notice, "post", DEPT_REDIRECT),
    # An empty form: the Department is told which field is missing.
    "notices:extend": (notice, "post", DEPT_FORM),
    "notices:decide_objection": (objection, "post", DEPT_FORM),
    "notices:publication_docx": (publication, "get", EVERYONE),
    "notices:publication_pdf": (publication, "get", EVERYONE),
}
