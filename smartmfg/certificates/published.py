"""What the public may read of a published list (第十条) and of a certificate: one source for every format.

The results page, the CSV, XLSX and JSON downloads, the public API and the
verification page all read the rows built here, so they cannot disagree. A
row is a line of the list as issued (``Publication.entries``) with what
happened to it since: its recognition number, and its current status, a
revocation (第十二条) marking it revoked with its date, never taking it off.

Only what the Rules publish: enterprise, credit code when the list as issued
carries it, tier, project, region, recognition or cultivation, and the
number. Never an amount, a score, an expert, an objection or an attachment.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from django.core.cache import cache
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from smartmfg.applications.models import Application
from smartmfg.applications.states import Status
from smartmfg.certificates.models import Certificate
from smartmfg.enterprises.models import Revocation
from smartmfg.lib.choices import label_of
from smartmfg.notices.models import Publication
from smartmfg.rules.facts import TIER_LABELS


class PublicStatus(models.TextChoices):
    """The status of a published line, as the public reads it (codes never change once used)."""

    VALID = "valid", _("有效（已认定）")
    CULTIVATION = "cultivation", _("培育中")
    REVOKED = "revoked", _("已撤销认定")
    CULTIVATION_DROPPED = "cultivation_dropped", _("培育未通过（培育期满未建成投产）")


TRACK_LABELS: Final = {"recognition": _("认定"), "cultivation": _("培育")}


def track_of(outcome: str) -> str:
    """The list says 认定 or 培育 (第五条至第七条第1款): the outcome as issued, as a track."""
    return "cultivation" if outcome == Status.CULTIVATING else "recognition"


def public_status(status: str, track: str) -> PublicStatus:
    """The application's state now, in the public's words; a cultivation converted since is valid."""
    known = {
        Status.RECOGNISED: PublicStatus.VALID,
        Status.CULTIVATING: PublicStatus.CULTIVATION,
        Status.REVOKED: PublicStatus.REVOKED,
        Status.CULTIVATION_DROPPED: PublicStatus.CULTIVATION_DROPPED,
    }
    fallback = PublicStatus.CULTIVATION if track == "cultivation" else PublicStatus.VALID
    return known.get(Status(status), fallback) if status in Status.values else fallback


# ----------------------------------------------------------- the data dictionary


@dataclass(frozen=True)
class Column:
    """One column of the open data: its stable name, its label, its type, what it means, an example."""

    name: str
    label: Promise
    type: str
    meaning: Promise
    example: str


COLUMNS: Final[tuple[Column, ...]] = (
    Column("position", _("序号"), "integer", _("在公布名单中的顺序，从1开始，与公布文件一致"), "1"),
    Column(
        "recognition_number",
        _("认定编号"),
        "string",
        _("认定证书的编号：类别简称、年度和本批次本类别内的序号；可在“证书核验”页面查询其当前状态"),
        "吉数车-2026-0001",
    ),
    Column(
        "enterprise",
        _("企业名称"),
        "string",
        _("公布时的企业名称（此后企业更名不改写已公布的名单）"),
        "长春示范轨道客车装备有限公司",
    ),
    Column(
        "uscc",
        _("统一社会信用代码"),
        "string",
        _("公布名单载有统一社会信用代码时填写（GB 32100-2015，18位）；名单未载明的为空"),
        "91220106MA0000007X",
    ),
    Column(
        "tier",
        _("类别代码"),
        "string",
        _("digital_workshop 数字化车间（生产线）、smart_factory 智能工厂、future_factory 未来工厂（细则第三条）"),
        "digital_workshop",
    ),
    Column("tier_label", _("类别"), "string", _("类别的中文名称"), "数字化车间（生产线）"),
    Column("project", _("项目名称"), "string", _("认定或培育的项目"), "转向架焊接数字化生产线"),
    Column("region", _("所在地区"), "string", _("项目所在地（GB/T 2260 行政区划名称）"), "长春市绿园区"),
    Column(
        "track",
        _("认定/培育代码"),
        "string",
        _("recognition 认定；cultivation 培育（在建项目纳入培育，细则第五条至第七条第1款），按公布时"),
        "recognition",
    ),
    Column("track_label", _("认定/培育"), "string", _("认定或培育"), "认定"),
    Column(
        "status",
        _("当前状态代码"),
        "string",
        _(
            "valid 有效（已认定）；cultivation 培育中；revoked 已撤销认定（细则第十二条）；"
            "cultivation_dropped 培育未通过。撤销后该行仍保留在名单中，只改状态"
        ),
        "valid",
    ),
    Column("status_label", _("当前状态"), "string", _("当前状态的中文名称"), "有效（已认定）"),
    Column("revoked_on", _("撤销日期"), "date", _("撤销认定的日期（YYYY-MM-DD）；未撤销的为空"), ""),
    Column(
        "document_number",
        _("公布文号"),
        "string",
        _("公布该名单的文件文号（GB/T 9704-2012）"),
        "吉工信规划〔2026〕58号",
    ),
    Column("published_on", _("发文日期"), "date", _("公布文件的发文日期（YYYY-MM-DD）"), "2026-08-03"),
)
COLUMN_NAMES: Final = tuple(c.name for c in COLUMNS)

TYPE_LABELS: Final = {"integer": _("整数"), "string": _("文本"), "date": _("日期")}


# ---------------------------------------------------------------- the rows


@dataclass(frozen=True)
class Standing:
    """An application's status now, and the day its recognition was revoked (第十二条), if it was."""

    status: str
    revoked_on: dt.date | None


def standings(application_ids: Iterable[int]) -> dict[int, Standing]:
    """The current standing of each application, in two queries whatever their number."""
    ids = set(application_ids)
    revoked = dict(Revocation.objects.filter(application_id__in=ids).values_list("application_id", "revoked_on"))
    return {
        pk: Standing(status, revoked.get(pk))
        for pk, status in Application.objects.filter(pk__in=ids).values_list("pk", "status")
    }


def published_rows(publications: Sequence[Publication]) -> dict[int, list[dict[str, Any]]]:
    """Each publication's rows (by its id), in the list's order: three queries whatever their number.

    Values are typed: ``position`` an int, dates ``datetime.date`` or None,
    the rest text ("" when empty). Labels are in the active language.
    """
    ids = [line["application"] for p in publications for line in p.entries]
    numbers = dict(Certificate.objects.filter(application_id__in=ids).values_list("application_id", "number"))
    now = standings(ids)
    return {
        p.pk: [_row(p, position, line, numbers, now) for position, line in enumerate(p.entries, 1)]
        for p in publications
    }


def _row(
    publication: Publication,
    position: int,
    line: dict[str, Any],
    numbers: dict[int, str],
    now: dict[int, Standing],
) -> dict[str, Any]:
    track = track_of(line.get("outcome", ""))
    standing = now.get(line["application"], Standing("", None))
    status = public_status(standing.status, track)
    return {
        "position": position,
        "recognition_number": numbers.get(line["application"], ""),
        "enterprise": line.get("enterprise", ""),
        "uscc": line.get("uscc", ""),
        "tier": line.get("tier", ""),
        "tier_label": label_of(TIER_LABELS, line.get("tier", "")),
        "project": line.get("project", ""),
        "region": line.get("region", ""),
        "track": track,
        "track_label": str(TRACK_LABELS[track]),
        "status": status.value,
        "status_label": str(status.label),
        "revoked_on": standing.revoked_on if status == PublicStatus.REVOKED else None,
        "document_number": publication.document_number,
        "published_on": publication.published_on,
    }


# ------------------------------------------------------------ verification


@dataclass(frozen=True)
class Verification:
    """第十条: what anyone with a recognition number may read, and nothing else."""

    number: str
    enterprise: str
    tier: str
    tier_label: str
    project: str
    published_on: dt.date
    status: str
    status_label: str
    revoked_on: dt.date | None


def verification(certificate: Certificate) -> Verification:
    """The certificate's public facts (``application`` and ``publication`` already loaded)."""
    application = certificate.application
    status = public_status(application.status, certificate.track)
    revocation = getattr(application, "revocation", None) if status == PublicStatus.REVOKED else None
    return Verification(
        number=certificate.number,
        enterprise=certificate.enterprise_name,
        tier=certificate.tier,
        tier_label=label_of(TIER_LABELS, certificate.tier),
        project=certificate.project_name,
        published_on=certificate.publication.published_on,
        status=status.value,
        status_label=str(status.label),
        revoked_on=revocation.revoked_on if revocation is not None else None,
    )


# ------------------------------------------------------------------- cache

# The public API keeps its answers a short while in Django's cache; every key
# carries this version, changed whenever a list or a status changes, so a
# revocation is never hidden behind a cached answer.
VERSION_KEY: Final = "opendata:version"
CACHE_SECONDS: Final = 60


def cache_version() -> str:
    return str(cache.get_or_set(VERSION_KEY, "0", None))


def refresh_public_cache() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
