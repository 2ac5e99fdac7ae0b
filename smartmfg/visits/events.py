"""The events the visits' actions emit (see ``lib/events.py``); ``notify`` tells the people concerned."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VisitScheduled:
    """The Department scheduled a visit: its experts are told."""

    visit_id: int


@dataclass(frozen=True)
class VisitReported:
    """The last member signed: the officer who scheduled the visit is told."""

    visit_id: int
