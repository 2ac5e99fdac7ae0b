"""Who may open the Department's pages: its workspace, each call's stages, deliberations, revocations.

Every page is the Department's: bureaus (长春, 吉林市), enterprises, experts and
administrators get 403, the anonymous visitor the login page. An empty POST
reaches the Department's form, which answers 400 with its errors.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from smartmfg.evaluations.actions import do_revoke_recognition
from smartmfg.evaluations.models import Deliberation
from tests import factories
from tests.access.matrix_common import DEPT_ONLY, Row, none, row
from tests.journeys import advance, document_number, today

DEPT_FORM = row(302, 403, 403, 403, 403, 400, 403, 403, 403)


def stage_call(cast: Any) -> dict[str, Any]:
    return {"call": cast.call.pk}


def deliberation(cast: Any) -> dict[str, Any]:
    advance(cast, cast.app_a, "approved")
    return {"pk": Deliberation.objects.get().pk}


def revocation(cast: Any) -> dict[str, Any]:
    recognised = advance(cast, cast.app_a, "published")
    factories.support(recognised, cast.dept, Decimal("1000.00"))
    record = do_revoke_recognition(
        recognised,
        reason="弄虚作假",
        document_number=document_number(400),
        revoked_on=today(),
        subsidy_to_recover=Decimal("1000.00"),
        files=[factories.pdf_upload()],
        actor=cast.dept,
    )
    return {"pk": record.pk}


ROWS: dict[str, Row] = {
    "department:home": (none, "get", DEPT_ONLY),
    "department:stages": (none, "get", DEPT_ONLY),
    "department:call": (stage_call, "get", DEPT_ONLY),
    "department:requalify": (stage_call, "get", DEPT_ONLY),
    "department:experts": (stage_call, "get", DEPT_ONLY),
    "department:deliberation": (stage_call, "get", DEPT_ONLY),
    "department:cultivation": (stage_call, "get", DEPT_ONLY),
    "department:deliberation_detail": (deliberation, "get", DEPT_ONLY),
    "department:revocations": (none, "get", DEPT_ONLY),
    "department:revocation": (revocation, "get", DEPT_ONLY),
    "department:add_recovery": (revocation, "post", DEPT_FORM),
}
