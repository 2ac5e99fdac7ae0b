"""The events the experts' actions emit (see ``lib/events.py``); ``notify`` tells the experts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InvitationsSent:
    """Drawn experts (or their replacements) were invited."""

    invitation_ids: tuple[int, ...]


@dataclass(frozen=True)
class SeatsAssigned:
    """Experts were given seats on applications (a committed proposal or a refill)."""

    seat_ids: tuple[int, ...]
