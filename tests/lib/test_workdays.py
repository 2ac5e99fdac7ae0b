"""Working days as the State Council arranges them, and a plain Monday-to-Friday guess for a year not yet published."""

from __future__ import annotations

import datetime as dt

from smartmfg.lib.workdays import is_working_day, knows, last_working_day, working_days_after

D = dt.date


def test_a_period_skips_a_festival() -> None:
    # 25 September 2026 is the Mid-Autumn Festival.
    assert last_working_day(D(2026, 9, 21), 5) == D(2026, 9, 28)


def test_a_period_counts_a_weekend_made_a_working_day() -> None:
    # Saturday 9 May 2026 is worked in exchange for the Labour Day holiday.
    assert not is_working_day(D(2026, 5, 1))
    assert is_working_day(D(2026, 5, 9))
    assert last_working_day(D(2026, 4, 30), 5) == D(2026, 5, 9)


def test_the_start_day_counts_only_when_it_is_a_working_day() -> None:
    assert last_working_day(D(2026, 3, 2), 1) == D(2026, 3, 2)  # a Monday
    assert last_working_day(D(2026, 3, 7), 1) == D(2026, 3, 9)  # a Saturday: the next Monday


def test_a_deadline_counts_from_the_day_after() -> None:
    # Ten working days after Friday 6 March 2026: 9-13 and 16-20 March.
    assert working_days_after(D(2026, 3, 6), 10) == D(2026, 3, 20)
    assert working_days_after(D(2026, 3, 6), 1) == D(2026, 3, 9)


def test_an_unpublished_year_is_guessed_and_said_to_be_a_guess() -> None:
    assert knows(D(2026, 6, 1))
    assert not knows(D(2099, 6, 1))
    assert is_working_day(D(2099, 6, 1))  # a Monday
    assert not is_working_day(D(2099, 6, 6))  # a Saturday
    assert not is_working_day(D(2099, 10, 1))  # 国庆节, fixed by date
