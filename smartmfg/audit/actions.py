"""Appending to the audit trail: every action that is not a step of an application calls ``record``."""

from __future__ import annotations

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
