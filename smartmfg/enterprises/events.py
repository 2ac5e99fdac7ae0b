"""The events writes about enterprises emit (see ``lib/events.py``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecordAdded:
    """A record eligibility reads was added about an enterprise (a credit check, an unlawful act, an
    incident, a revocation), or its profile changed: the verdicts of its applications may change."""

    enterprise_id: int
