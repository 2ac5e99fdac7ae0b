"""Spot checks for tests: an accepted pool written directly, visits scheduled and signed through the actions.

Cheap on purpose (the CI is near its limit): the call's accepted experts are
``Invitation`` rows written as they would stand after a draw, not a draw
run; and the PDFs on the way (the bureau's letter that takes an application
to the Department, the visit's report) are a stand-in, which is not what
these tests are about (``tests/reviews`` and ``test_reports`` render real
ones).
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from unittest.mock import patch

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from smartmfg.applications.models import Application
from smartmfg.demo.files import DEMO_PDF
from smartmfg.experts.models import Draw, Expert
from smartmfg.visits import actions
from smartmfg.visits.models import ItemResult, Visit
from tests import factories
from tests.experts import builders as experts

PUBLIC_SEED = "2026-12-01 福彩3D 第2026321期 开奖号码 5 0 9"


@contextmanager
def cheap_pdfs() -> Iterator[None]:
    with (
        patch("smartmfg.reviews.documents.render_pdf", return_value=DEMO_PDF),
        patch("smartmfg.visits.documents.render_pdf", return_value=DEMO_PDF),
    ):
        yield


def in_review(cast: Any, *applications: Application) -> list[Application]:
    with cheap_pdfs():
        return experts.in_review(cast, *applications)


def other_expert(username: str = "visit-expert-3") -> Expert:
    account: Any = factories.expert_user(username, "长春理工大学")
    expert: Expert = account.expert
    return expert


def accepted(cast: Any, *members: Expert) -> Draw:
    """A drawn draw of the call in which ``members`` accepted their invitations."""
    return experts.accepted_draw(cast, *members, purpose="测试：接受邀请的专家")


def scheduled(
    cast: Any,
    application: Application | None = None,
    *,
    members: Sequence[Expert] | None = None,
    day: dt.date | None = None,
) -> Visit:
    """A visit of ``application`` (A by default, taken into expert review), the cast's expert and another."""
    application = application or cast.app_a
    if application.status not in ("expert_review", "expert_recommended"):
        in_review(cast, application)
    members = list(members) if members is not None else [cast.expert.expert, other_expert()]
    accepted(cast, *members)
    actions.do_pick_for_visit(application, reason="投资明细存疑", actor=cast.dept)
    return actions.do_schedule_visit(
        application, experts=members, visit_on=day or timezone.localdate(), actor=cast.dept
    )


def fill(visit: Visit, actor: Any, results: dict[int, tuple[str, str]] | None = None) -> Visit:
    """Every item "matches", except those ``results`` sets (position -> result, note)."""
    results = results or {}
    entries = {
        item.pk: results.get(item.position, (ItemResult.MATCHES, "")) for item in visit.items.order_by("position")
    }
    visit.refresh_from_db()
    actions.do_save_visit_items(visit, entries, revision=visit.revision, actor=actor)
    visit.refresh_from_db()
    return visit


def sign(visit: Visit, *accounts: Any) -> Visit:
    for account in accounts:
        visit.refresh_from_db()
        with cheap_pdfs():
            actions.do_sign_visit(visit, revision=visit.revision, actor=account)
    visit.refresh_from_db()
    return visit


def members_of(visit: Visit) -> list[Any]:
    return [m.expert.user for m in visit.members.select_related("expert__user").order_by("id")]


def png(name: str = "现场.png") -> Any:
    """A real 1×1 PNG upload."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    body = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0"))
    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n" + body + chunk(b"IEND", b""), content_type="image/png")


def photo_of(visit: Visit, actor: Any) -> Any:
    return actions.do_add_visit_photo(visit.items.order_by("position").first(), png(), actor=actor)
