"""What the stages' actions share: a required text."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def _required(text: str, field: str, message: str) -> str:
    if not text.strip():
        raise ValidationError({field: message})
    return text.strip()
