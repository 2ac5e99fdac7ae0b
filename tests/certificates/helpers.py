"""Published lists for the certificates' tests, through the real steps; numbered as the publish step numbers them."""

from __future__ import annotations

from typing import Any

from smartmfg.applications.models import Application
from smartmfg.certificates.actions import do_issue_certificates
from smartmfg.enterprises.models import Revocation
from smartmfg.evaluations.actions import do_revoke_recognition
from smartmfg.notices.models import Publication
from tests import factories
from tests.journeys import advance, cultivation_application, document_number, publish, today


def published(cast: Any, *applications: Application, number: int = 100) -> Publication:
    """``applications`` (submitted) taken to publication in one list, and the list numbered."""
    ready = [advance(cast, a, "notice_passed") for a in applications]
    publication = publish(cast, cast.call, *ready, number=document_number(number))
    do_issue_certificates(publication, actor=cast.dept)
    return publication


def with_cultivation(cast: Any) -> Publication:
    """Enterprise A's workshop (recognised) and a third enterprise's project under construction (cultivation)."""
    return published(cast, cast.app_a, cultivation_application(cast))


def revoke(cast: Any, application: Application) -> Revocation:
    application.refresh_from_db()
    return do_revoke_recognition(
        application,
        reason="申报材料弄虚作假",
        document_number=document_number(300),
        revoked_on=today(),
        subsidy_to_recover=0,
        files=[factories.pdf_upload("核实材料.pdf")],
        actor=cast.dept,
    )
