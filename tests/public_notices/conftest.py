"""The public notice pages' fixtures: notices built through the real steps (tests/journeys.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from smartmfg.notices.models import PublicNotice
from tests.journeys import SHANGHAI, advance, start_notice


def at(day: dt.date, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    """A moment on the platform's clock (Asia/Shanghai)."""
    return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=SHANGHAI)


@pytest.fixture
def open_notice(cast) -> PublicNotice:
    """Both cast applications approved and on one notice starting today, still open."""
    approved = [advance(cast, a, "approved") for a in (cast.app_a, cast.app_b)]
    return start_notice(cast, cast.call, *approved, ended=False)
