"""The events actions on applications emit (see ``lib/events.py``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StepTaken:
    """A step of the workflow was taken on one application."""

    application_id: int
    event_id: int
    action: str
    from_status: str
    to_status: str
    actor_id: int
    role: str
    reason: str
