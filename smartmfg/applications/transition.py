"""Taking a step of the workflow: the one way an application changes state.

``transition`` locks the application, checks the step against the table
(role, scope, state, guard) inside the lock, moves the state with a
compare-and-set that must touch exactly one row, appends the history event,
and emits ``StepTaken`` for the adapters. Two people acting at once, or one
double-clicking, get exactly one step taken; the other gets ``Conflict``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access import can_take, require
from smartmfg.accounts.models import User
from smartmfg.applications import workflow
from smartmfg.applications.events import StepTaken
from smartmfg.applications.models import Application, ApplicationEvent, Submission
from smartmfg.lib.events import emit
from smartmfg.rules.engine import Verdict


class Conflict(Exception):
    """Someone else changed the application first; nothing was done."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("该申报刚刚已由他人办理，状态已变化，请刷新后查看。"))


def transition(
    application: Application,
    action: str,
    actor: User,
    *,
    reason: str = "",
    to: str | None = None,
    data: dict[str, Any] | None = None,
    updates: dict[str, Any] | None = None,
    submission: Submission | None = None,
    verdict: Verdict | None = None,
) -> ApplicationEvent:
    """Take ``action`` on ``application`` as ``actor``; return the history event.

    ``application.status`` is the state the actor saw: if the stored state
    differs, the step is refused with ``Conflict``. ``to`` picks the target
    of a step with several; ``updates`` are further columns set in the same
    UPDATE. ``verdict`` is the verdict the step is judged on when the caller
    holds it already (a submission's, as of its application date); otherwise
    the rules the step requires are judged now (``applications.gates``).
    Raises ``PermissionDenied`` (with the reason) when the table does not
    allow it, ``ValidationError`` when a required reason is missing.
    """
    step = workflow.step(action)
    if step.needs_reason and not reason.strip():
        raise ValidationError({"reason": _("请填写意见或理由")})
    expected = application.status
    with transaction.atomic():
        locked = Application.objects.select_for_update().select_related("call", "jurisdiction").get(pk=application.pk)
        if locked.status != expected:
            raise Conflict
        require(can_take(actor, locked, action, verdict=verdict))
        target = _target(step, locked.status, to)
        fields = {"status": target, "updated_at": timezone.now(), **_holder(locked, target), **(updates or {})}
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
            data=data or {},
            submission=submission,
        )
        emit(StepTaken(locked.pk, event.pk, action, expected, target, actor.pk, step.role.value, event.reason))
    for name, value in fields.items():
        setattr(application, name, value)
    return event


def _holder(application: Application, target: str) -> dict[str, Any]:
    """Who holds the application after the step (the caller's ``updates`` may say otherwise)."""
    if target in workflow.BACK_TO_ITS_BUREAU:
        return {"holder": application.jurisdiction}
    if target in workflow.OUT_OF_THE_BUREAUS:
        return {"holder": None}
    return {}


def _target(step: workflow.Step, current: str, chosen: str | None) -> str:
    if not step.targets:
        return current  # a step recorded in place: a spot check, a dismissed objection
    if chosen is None:
        return step.target
    if chosen not in step.targets:
        raise ValueError(f"{step.action} cannot lead to {chosen}")
    return chosen
