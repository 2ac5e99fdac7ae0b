"""Taking a step of the workflow: the one way an application changes state.

``transition`` checks the step's files, locks the application, checks the
step against the table (role, scope, state, guard, the rules it requires)
inside the lock, moves the state and the holder with a compare-and-set that
must touch exactly one row, appends the history event with the step's files,
lets the step write its own rows (``record``) in the same transaction, and
emits ``StepTaken`` for the adapters. Two people acting at once, or one
double-clicking, get exactly one step taken; the other gets ``Conflict``.
Nothing else changes an application's state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.accounts.models import User
from smartmfg.applications.actions import store_attachment, stored_files
from smartmfg.applications.models import Application, ApplicationEvent, AttachmentKind, Submission
from smartmfg.applications.uploads import check_upload
from smartmfg.lib.decisions import require
from smartmfg.lib.events import emit
from smartmfg.rules.engine import Verdict
from smartmfg.workflow import table
from smartmfg.workflow.events import StepTaken
from smartmfg.workflow.permissions import can_take
from smartmfg.workflow.table import Holder

# Writes the step's own rows (an expert conclusion, a revocation...) inside the step's transaction.
Record = Callable[[Application, ApplicationEvent], object]


class Conflict(Exception):
    """Someone else changed the application first; nothing was done."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("该申报刚刚已由他人办理，状态已变化，请刷新后查看。"))


def transition(
    application: Application,
    action: str,
    actor: User,
    *,
    seen: str | None = None,
    reason: str = "",
    files: Sequence[UploadedFile] = (),
    file_kind: str = AttachmentKind.REVIEW_OPINION,
    data: Mapping[str, Any] | None = None,
    to: str | None = None,
    submission: Submission | None = None,
    verdict: Verdict | None = None,
    record: Record | None = None,
) -> ApplicationEvent:
    """Take ``action`` on ``application`` as ``actor``; return the history event.

    ``seen`` is the state the actor saw (by default the state ``application``
    was read in): if the stored state differs, the step is refused with
    ``Conflict``. ``to`` picks the target of a step with several; ``files``
    are stored with the event (checked before anything is written, removed
    again if the step fails); ``submission`` links the snapshot a submitting
    step froze; ``verdict`` is the verdict the step is judged on when the
    caller holds it already (a submission's, as of its application date);
    ``record`` writes the step's own rows. Raises ``PermissionDenied`` (with
    the reason) when the table does not allow it, ``ValidationError`` when a
    required reason is missing or a file is refused.
    """
    step = table.step(action)
    if step.needs_reason and not reason.strip():
        raise ValidationError({"reason": _("请填写意见或理由")})
    expected = seen or application.status
    types = [check_upload(f, max_mb=application.call.max_attachment_mb, field="documents") for f in files]
    with stored_files() as written, transaction.atomic():
        locked = Application.objects.select_for_update().select_related("call", "jurisdiction").get(pk=application.pk)
        if locked.status != expected:
            raise Conflict
        require(can_take(actor, locked, action, verdict=verdict))
        target = _target(step, locked.status, to)
        fields = {
            "status": target,
            "updated_at": timezone.now(),
            **_holder(step, locked, actor),
            **_submitted(submission),
        }
        if Application.objects.filter(pk=locked.pk, status=expected).update(**fields) != 1:
            raise Conflict
        event = ApplicationEvent.objects.create(
            application=locked,
            action=action,
            from_status=expected,
            to_status=target,
            actor=actor,
            role=step.role.value,
            reason=reason.strip(),
            data=dict(data or {}),
            submission=submission,
        )
        for upload, content_type in zip(files, types, strict=True):
            store_attachment(
                locked, upload, kind=file_kind, actor=actor, content_type=content_type, written=written, event=event
            )
        for name, value in fields.items():
            setattr(locked, name, value)
        if record is not None:
            record(locked, event)
        emit(StepTaken(locked.pk, event.pk, action, expected, target, actor.pk, step.role.value, event.reason))
    for name, value in fields.items():
        setattr(application, name, value)
    return event


def _holder(step: table.Step, application: Application, actor: User) -> dict[str, Any]:
    """Who holds the application after the step: the table's ``holder`` column."""
    if step.holder is Holder.ITS_BUREAU:
        return {"holder": application.jurisdiction}
    if step.holder is Holder.NOBODY:
        return {"holder": None}
    if step.holder is Holder.REPORTED_TO:
        bureau = actor.jurisdiction
        if bureau is None:
            raise ValueError(f"{step.action} is taken by a bureau")
        return {"holder": bureau.recommendation_target()}
    return {}


def _submitted(submission: Submission | None) -> dict[str, Any]:
    """What a submission makes of the application: its application date, its count, its track (第五条至第七条第1款)."""
    if submission is None:
        return {}
    return {
        "applied_on": submission.applied_on,
        "submission_count": submission.number,
        "track": submission.verdict.get("track") or "",
    }


def _target(step: table.Step, current: str, chosen: str | None) -> str:
    if not step.targets:
        return current  # a step recorded in place: a spot check, a dismissed objection
    if chosen is None:
        return step.target
    if chosen not in step.targets:
        raise ValueError(f"{step.action} cannot lead to {chosen}")
    return chosen
