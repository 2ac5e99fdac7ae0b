"""The events the scoring actions emit (see ``lib/events.py``); ``notify`` tells the experts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReviewOpened:
    """The scoring of a draw's panels opened: each seated expert is told their deadline."""

    round_id: int


@dataclass(frozen=True)
class DeadlineExtended:
    extension_id: int


@dataclass(frozen=True)
class RemindersDue:
    reminder_ids: tuple[int, ...]
