"""回避 (第九条): conflicts added by the Department, declared by experts, and waivers of detected ones.

Every conflict is a hard constraint. One recorded after the assignment takes
the expert off that enterprise's applications and fills each of those
seats again; nothing else moves.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access.experts import can_declare_on_seat
from smartmfg.accounts.models import User
from smartmfg.enterprises.models import Enterprise
from smartmfg.experts.actions.assignment import remove_seat
from smartmfg.experts.actions.common import log, required
from smartmfg.experts.models import (
    DETECTED_KINDS,
    Conflict,
    ConflictKind,
    ConflictSource,
    ConflictWaiver,
    Expert,
    Seat,
    SeatStatus,
)
from smartmfg.lib.decisions import require

DECLARABLE = [k for k in ConflictKind if k not in DETECTED_KINDS]


def do_record_conflict(
    expert: Expert,
    enterprise: Enterprise,
    *,
    kind: str,
    evidence: str,
    started_on: dt.date | None = None,
    ended_on: dt.date | None = None,
    actor: User,
) -> Conflict:
    """The Department adds a conflict; seats the expert holds on that enterprise are refilled."""
    return _record(expert, enterprise, kind, ConflictSource.DEPARTMENT, evidence, started_on, ended_on, actor)


def do_declare_no_conflict(seat: Seat, *, actor: User) -> Seat:
    """The expert states, before any material opens, that they have no conflict with this enterprise."""
    with transaction.atomic():
        locked = Seat.objects.select_for_update().select_related("expert", "application").get(pk=seat.pk)
        require(can_declare_on_seat(actor, locked))
        locked.declared_at = timezone.now()
        locked.save(update_fields=["declared_at"])
        log(
            actor,
            "declare_no_conflict",
            locked,
            _("专家 %(code)s 声明与 %(ref)s 的申报企业无利害关系")
            % {"code": locked.expert.code, "ref": locked.application.reference},
        )
        return locked


def do_declare_conflict(seat: Seat, *, kind: str, evidence: str, actor: User) -> Conflict:
    """The expert declares a conflict: recorded with the time, the seat is filled by another expert."""
    with transaction.atomic():
        locked = Seat.objects.select_for_update().select_related("expert", "application__enterprise").get(pk=seat.pk)
        require(can_declare_on_seat(actor, locked))
        return _record(
            locked.expert, locked.application.enterprise, kind, ConflictSource.EXPERT, evidence, None, None, actor
        )


def do_waive_conflict(expert: Expert, enterprise: Enterprise, *, kind: str, reason: str, actor: User) -> ConflictWaiver:
    """A detected conflict set aside by the Department, only with a recorded reason."""
    reason = required(reason, "reason", _("请填写不予回避的理由"))
    if kind not in DETECTED_KINDS:
        raise ValidationError({"kind": _("只有规则识别的回避情形可以豁免")})
    with transaction.atomic():
        waiver, created = ConflictWaiver.objects.get_or_create(
            expert=expert, enterprise=enterprise, kind=kind, defaults={"reason": reason, "waived_by": actor}
        )
        if not created:
            raise ValidationError({"kind": _("该回避情形已豁免")})
        log(
            actor,
            "waive_conflict",
            expert,
            _("豁免 %(code)s 与 %(name)s 的回避（%(kind)s）")
            % {"code": expert.code, "name": enterprise.name, "kind": ConflictKind(kind).label},
            reason=reason,
        )
        return waiver


def _record(
    expert: Expert,
    enterprise: Enterprise,
    kind: str,
    source: str,
    evidence: str,
    started_on: dt.date | None,
    ended_on: dt.date | None,
    actor: User,
) -> Conflict:
    evidence = required(evidence, "evidence", _("请说明回避的情形和依据"))
    if kind not in DECLARABLE:
        raise ValidationError({"kind": _("请选择回避情形")})
    if started_on and ended_on and ended_on < started_on:
        raise ValidationError({"ended_on": _("终止日期不能早于起始日期")})
    with transaction.atomic():
        conflict = Conflict.objects.create(
            expert=expert,
            enterprise=enterprise,
            kind=kind,
            source=source,
            evidence=evidence,
            started_on=started_on,
            ended_on=ended_on,
            recorded_by=actor,
        )
        log(
            actor,
            "record_conflict",
            expert,
            _("%(code)s 与 %(name)s：%(kind)s")
            % {"code": expert.code, "name": enterprise.name, "kind": conflict.get_kind_display()},
            reason=evidence,
        )
        seats = Seat.objects.select_for_update().filter(
            expert=expert, application__enterprise=enterprise, status=SeatStatus.ACTIVE
        )
        for seat in seats.select_related("draw", "application", "expert", "proposal"):
            remove_seat(seat, reason=_("回避：%(kind)s") % {"kind": conflict.get_kind_display()}, actor=actor)
        return conflict
