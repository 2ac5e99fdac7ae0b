"""What the experts' actions share: the audit row of a step, and required text."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.audit.actions import record


def required(text: str, field: str, message: str) -> str:
    if not text.strip():
        raise ValidationError({field: message})
    return text.strip()


def log(actor: User | None, verb: str, target: models.Model, summary: str, **extra: Any) -> None:
    """Append the audit row of one step, inside the action's transaction.

    ``actor`` is None for what the platform does itself (a deadline passing);
    an expert acts as an expert, everyone else here as the Department.
    """
    role = "" if actor is None else (Role.EXPERT if actor.is_expert else Role.DEPARTMENT).value
    record(actor=actor, role=role, verb=verb, target=target, summary=summary[:255], **extra)
