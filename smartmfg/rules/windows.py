"""The Rules' time windows ("近2年", "近3年", "三年内"), counted in calendar years.

A window of *n* years ending on a day runs from the same calendar day *n*
years earlier to that day, both included: applying on 2026-03-15, the last 3
years are 2023-03-15 .. 2026-03-15, so a revocation dated 2023-03-15 still
bans an application of 2026-03-15, and one of 2023-03-14 no longer does.

29 February has no same day in a common year; we take 28 February. Of the two
candidates (28 February, 1 March) it is the one that stays in the same month,
and it makes the window one day longer, never shorter: a violation of 28
February 2026 still counts against an application of 29 February 2028.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Window:
    """The closed interval ``start`` .. ``end`` of calendar days."""

    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def shift_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later (negative: earlier); 29 Feb → 28 Feb."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        # Only 29 February of a leap year has no counterpart.
        return day.replace(year=day.year + years, day=28)


def last_years(end: dt.date, years: int) -> Window:
    """The last ``years`` years up to and including ``end``."""
    return Window(shift_years(end, -years), end)
