"""The events the objection actions emit (see ``lib/events.py``); ``notices.notify`` tells the people.

The steps themselves (``receive_objection``, ``ask_enterprise``...) also emit the
workflow's ``StepTaken``, which tells the enterprise; these tell whom that does
not reach: the objector, who has no account, and the Department's staff.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ObjectionFiled:
    """An objection was filed online. ``token`` opens the private link: it lives only in this event and the
    objector's email, never in the database (which keeps its hash)."""

    objection_id: int
    token: str


@dataclass(frozen=True)
class ObjectionAnswered:
    """The enterprise answered the Department's question on an objection."""

    question_id: int


@dataclass(frozen=True)
class ObjectorReplied:
    """The Department replied to the objector (read at the private link, and by email when given)."""

    objection_id: int
