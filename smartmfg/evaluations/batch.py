"""Steps taken by a document for many applications at once, all or nothing.

A deliberation, a public notice, the end of a notice and a publication each
move a list of applications the officer saw on a page. ``lock_batch`` locks
them (in id order, so two batches never deadlock), and refuses the whole
batch, naming each one, when any of them is no longer in the state the
officer saw; ``check_batch`` asks the workflow table about each before
anything is written. The steps themselves then go through ``transition``,
inside the caller's transaction: one refusal undoes them all.

Single applications that record more than a reason go through
``applications.steps.taking_step``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from smartmfg.access import can_take
from smartmfg.accounts.models import User
from smartmfg.applications.models import Application
from smartmfg.applications.transition import Conflict
from smartmfg.calls.models import Call


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


def lock_batch(call: Call, ids: Iterable[int], expected: str) -> list[Application]:
    """Lock the applications ``ids`` of ``call``; all must still be in ``expected``.

    Call inside a transaction. Ids that are not applications of the call are
    a forged or stale form: refused like a state change.
    """
    wanted = sorted(set(ids))
    locked = list(
        Application.objects.select_for_update(of=("self",))
        .filter(pk__in=wanted, call=call)
        .select_related("call", "enterprise", "jurisdiction")
        .order_by("pk")
    )
    if not wanted or len(locked) != len(wanted):
        raise BatchRefused(message=_("所选申报不属于本批次或已不存在，本次未办理任何事项，请刷新后重新办理"))
    changed = [a for a in locked if a.status != expected]
    if changed:
        raise BatchConflict(changed)
    return locked


def check_batch(applications: Iterable[Application], action: str, actor: User) -> None:
    """Ask the workflow table about every application first, so the officer hears of all refusals at once."""
    refusals = []
    for application in applications:
        decision = can_take(actor, application, action)
        if not decision:
            refusals.append((application, str(decision.reason)))
    if refusals:
        raise BatchRefused(refusals)


def require_files(files: Sequence[UploadedFile], message: str) -> None:
    if not files:
        raise ValidationError({"documents": message})
