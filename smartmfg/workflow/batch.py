"""Steps carried by a document for many applications at once, all or nothing.

A recommendation letter, a deliberation, a public notice, its end, a
publication and a revocation's ban each move a list of applications the
officer saw (or the platform found). ``take_batch`` locks them in id order
(two batches never deadlock), refuses the whole batch naming each one when
any is no longer in the state expected, asks the workflow table about every
step before anything is written (so the officer hears of all refusals at
once), lets the caller write the document that carries them, and then takes
every step through ``transition``, in one transaction: one refusal undoes
them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application, ApplicationEvent
from smartmfg.calls.models import Call
from smartmfg.eligibility.gates import step_verdicts
from smartmfg.workflow.permissions import can_take
from smartmfg.workflow.transition import Conflict, transition


class BatchConflict(Conflict):
    """Some applications of the batch changed state since the page was shown; nothing was done."""

    def __init__(self, changed: Sequence[Application]) -> None:
        self.changed = list(changed)
        names = "、".join(f"{a.reference}（{_('现为')}{a.get_status_display()}）" for a in changed)
        super().__init__(
            _("以下申报的状态已经变化，本次未办理任何事项，请刷新后重新办理：%(names)s") % {"names": names}
        )


class BatchRefused(Exception):
    """The batch may not be taken as it stands; nothing was done."""

    def __init__(self, refusals: Sequence[tuple[Application, str]] = (), *, message: str = "") -> None:
        self.refusals = list(refusals)
        names = "；".join(f"{a.reference}：{reason}" for a, reason in refusals)
        super().__init__(message or _("以下申报不能办理，本次未办理任何事项：%(names)s") % {"names": names})


@dataclass(frozen=True)
class Move:
    """One application's step in a batch: the action, its reason, the target of a step with several."""

    action: str
    reason: str = ""
    to: str | None = None


@dataclass(frozen=True)
class Batch:
    """What a batch took: the applications (locked, in id order), their events, the document that carried them."""

    applications: list[Application]
    events: list[ApplicationEvent]
    document: Model | None = field(default=None)


def take_batch(
    moves: Mapping[int, Move],
    *,
    expected: str | Mapping[int, str],
    actor: User,
    call: Call | None = None,
    document: Callable[[list[Application]], Model] | None = None,
    data: Mapping[str, Any] | None = None,
    data_key: str = "",
) -> Batch:
    """Take ``moves`` (application id to its step) as ``actor``, all or nothing.

    ``expected``: the state each application must still be in (one for all,
    or one per id); ``call``: the call they must belong to, when the ids come
    from a form. ``document`` writes the document that carries the steps once
    they are known to be allowed; its id is recorded in each event's data
    under ``data_key``, beside ``data``.
    """
    with transaction.atomic():
        applications = _lock(moves, expected, call)
        verdicts = step_verdicts(Application.objects.filter(pk__in=[a.pk for a in applications]))
        refusals = []
        for application in applications:
            decision = can_take(actor, application, moves[application.pk].action, verdict=verdicts[application.pk])
            if not decision:
                refusals.append((application, str(decision.reason)))
        if refusals:
            raise BatchRefused(refusals)
        carrier = document(applications) if document is not None else None
        recorded = {**(data or {}), **({data_key: carrier.pk} if carrier is not None and data_key else {})}
        events = [
            transition(
                application,
                moves[application.pk].action,
                actor,
                reason=moves[application.pk].reason.strip(),
                to=moves[application.pk].to,
                data=recorded,
                verdict=verdicts[application.pk],
            )
            for application in applications
        ]
    return Batch(applications, events, carrier)


def _lock(moves: Mapping[int, Move], expected: str | Mapping[int, str], call: Call | None) -> list[Application]:
    """Lock the applications of ``moves``; all must exist (in ``call``) and still be in the state expected.

    Ids that are not applications of the call are a forged or stale form:
    refused like a state change.
    """
    wanted = sorted(set(moves))
    rows = Application.objects.select_for_update(of=("self",)).filter(pk__in=wanted)
    if call is not None:
        rows = rows.filter(call=call)
    locked = list(rows.select_related("call", "enterprise", "jurisdiction").order_by("pk"))
    if len(locked) != len(wanted):
        raise BatchRefused(message=_("所选申报不属于本批次或已不存在，本次未办理任何事项，请刷新后重新办理"))
    state = (lambda pk: expected) if isinstance(expected, str) else expected.__getitem__
    changed = [a for a in locked if a.status != state(a.pk)]
    if changed:
        raise BatchConflict(changed)
    return locked


def require_chosen(ids: Iterable[int]) -> None:
    if not list(ids):
        raise ValidationError({"applications": _("请至少选择一项申报")})


def require_files(files: Sequence[UploadedFile], message: str) -> None:
    if not files:
        raise ValidationError({"documents": message})
