"""Who may open the pages of objections (第十条).

The public's pages need no login: the form of an entry, its check page (by
the draft's token) and the private page of a filed objection (by its token)
are open to anyone who has the address, signed in or not. The Department's
handling pages are its own (others 403); the evidence files too. The
enterprise's page of a question is the enterprise's (other roles 403), and
only for its own application (another enterprise 404).
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from smartmfg.demo.files import DEMO_PDF
from smartmfg.notices.actions import do_ask_enterprise, do_file_objection, do_record_objection, do_save_draft
from tests.access.matrix_common import DEPT_ONLY, EVERYONE, Row, row
from tests.access.matrix_notices import DEPT_FORM, _open_notice
from tests.journeys import today

# The enterprise's own page: enterprise A; B does not see A's question; other roles have no such page.
OWN_ENTERPRISE_PAGE = row(302, 200, 404, 403, 403, 403, 403, 403, 403)
ANSWERS = {
    "objector_kind": "person",
    "name": "王某某",
    "phone": "13912345678",
    "email": "",
    "content": "投资数据不实",
    "pledge": True,
}


def entry(cast: Any) -> dict[str, Any]:
    return {"notice": _open_notice(cast).pk, "application": cast.app_a.pk}


def _draft(cast: Any) -> tuple[Any, str]:
    notice = _open_notice(cast)
    return do_save_draft(notice, cast.app_a, ANSWERS, uploads=[SimpleUploadedFile("证据.pdf", DEMO_PDF)])


def draft(cast: Any) -> dict[str, Any]:
    held, token = _draft(cast)
    return {"notice": held.notice_id, "application": held.application_id, "draft": token}


def private_link(cast: Any) -> dict[str, Any]:
    held, _token = _draft(cast)
    _objection, token = do_file_objection(held)
    return {"token": token}


def _letter(cast: Any) -> Any:
    return do_record_objection(
        _open_notice(cast),
        cast.app_a,
        received_on=today(),
        objector="某公司",
        objector_contact="0431-00000000",
        content="异议",
        files=[SimpleUploadedFile("来信.pdf", DEMO_PDF)],
        actor=cast.dept,
    )


def objection(cast: Any) -> dict[str, Any]:
    return {"pk": _letter(cast).pk}


def evidence(cast: Any) -> dict[str, Any]:
    return {"pk": _letter(cast).files.get().pk}


def question(cast: Any) -> dict[str, Any]:
    asked = do_ask_enterprise(_letter(cast), question="请说明设备购置发票情况", actor=cast.dept)
    return {"pk": asked.pk}


ROWS: dict[str, Row] = {
    "objections:file": (entry, "get", EVERYONE),
    "objections:check": (draft, "get", EVERYONE),
    "objections:receipt": (private_link, "get", EVERYONE),
    "objections:status": (private_link, "get", EVERYONE),
    # Empty forms: the Department is told which field is missing.
    "notices:ask_enterprise": (objection, "post", DEPT_FORM),
    "notices:reply_objector": (objection, "post", DEPT_FORM),
    "notices:objection_file": (evidence, "get", DEPT_ONLY),
    "notices:answer_objection": (question, "get", OWN_ENTERPRISE_PAGE),
}
