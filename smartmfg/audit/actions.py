"""Appending to the audit trail: every action that is not a step of an application calls ``record``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from smartmfg.audit.models import AuditEntry


def record(
    *,
    actor: Any,
    role: str,
    verb: str,
    target: models.Model,
    summary: str,
    reason: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an audit row; call inside the action's transaction."""
    return AuditEntry.objects.create(
        actor=actor,
        role=role,
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        summary=summary[:255],
        reason=reason,
        changes=changes or {},
    )


def assign_changes(
    obj: models.Model, changes: Mapping[str, Any], *, only: Iterable[str] | None = None
) -> dict[str, list[str]]:
    """Set on ``obj`` the values of ``changes`` that differ (of the fields in ``only``, if given) and
    return them as the audit row's ``changes``: each field's old and new value as text. Nothing is saved."""
    allowed = set(only) if only is not None else None
    diff = {
        name: [_text(getattr(obj, name)), _text(value)]
        for name, value in changes.items()
        if (allowed is None or name in allowed) and getattr(obj, name) != value
    }
    for name in diff:
        setattr(obj, name, changes[name])
    return diff


def _text(value: Any) -> str:
    return "" if value is None else str(value)
