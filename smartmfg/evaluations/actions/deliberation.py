"""第十条: the deliberation of the experts' recommended applications."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from smartmfg.access import can_run_stages, require
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application
from smartmfg.applications.states import Status
from smartmfg.audit.actions import record
from smartmfg.calls.models import Call
from smartmfg.evaluations.actions.common import _required
from smartmfg.evaluations.models import Deliberation
from smartmfg.lib.validators import check_not_future
from smartmfg.workflow.batch import Move, take_batch


@dataclass(frozen=True)
class Ruling:
    """One application's outcome at a deliberation: approved, or rejected with the reason."""

    approved: bool
    reason: str = ""


def do_record_deliberation(
    call: Call,
    rulings: Mapping[int, Ruling],
    *,
    meeting: str,
    held_on: dt.date,
    minutes: str,
    actor: User,
) -> Deliberation:
    """第十条: the meeting's decision on the experts' recommended applications, in one transaction.

    ``rulings`` maps application ids (as shown to the officer) to their
    outcome. Every application must still be 专家推荐; if one is not, or one
    may not be decided (a spot check pending), nothing is recorded.
    """
    require(can_run_stages(actor))
    meeting = _required(meeting, "meeting", _("请填写会议名称"))
    check_not_future(held_on, field="held_on", label=_("审议日期"))
    if not rulings:
        raise ValidationError({"__all__": _("请至少对一项申报作出审议决定")})
    for ruling in rulings.values():
        if not ruling.approved and not ruling.reason.strip():
            raise ValidationError({"__all__": _("审议不通过的申报须填写理由")})
    moves = {pk: Move("approve" if r.approved else "disapprove", r.reason) for pk, r in rulings.items()}

    def minutes_of(applications: list[Application]) -> Deliberation:
        deliberation = Deliberation.objects.create(
            call=call, held_on=held_on, meeting=meeting, minutes=minutes.strip(), decided_by=actor
        )
        deliberation.approved.set([a for a in applications if rulings[a.pk].approved])
        deliberation.rejected.set([a for a in applications if not rulings[a.pk].approved])
        return deliberation

    with transaction.atomic():
        batch = take_batch(
            moves,
            expected=Status.EXPERT_RECOMMENDED,
            actor=actor,
            call=call,
            document=minutes_of,
            data_key="deliberation",
        )
        deliberation = batch.document
        assert isinstance(deliberation, Deliberation)
        record(
            actor=actor,
            role=Role.DEPARTMENT,
            verb="record_deliberation",
            target=deliberation,
            summary=f"{call.title} {meeting}",
            changes={"approved": deliberation.approved.count(), "rejected": deliberation.rejected.count()},
        )
    return deliberation
