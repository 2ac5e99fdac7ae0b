"""The time windows: counted back in calendar years, both ends included."""

from __future__ import annotations

import pytest

from smartmfg.rules.windows import Window, last_years, shift_years

from .builders import d


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        ("2026-03-15", -3, "2023-03-15"),
        ("2026-03-15", -2, "2024-03-15"),
        ("2028-02-29", -2, "2026-02-28"),  # 29 February → 28 February
        ("2028-02-29", -4, "2024-02-29"),  # leap year to leap year keeps the day
        ("2024-02-29", 3, "2027-02-28"),
        ("2026-02-28", -2, "2024-02-28"),
        ("2025-12-31", -1, "2024-12-31"),
    ],
)
def test_shift_years(day: str, years: int, expected: str) -> None:
    assert shift_years(d(day), years) == d(expected)


def test_last_three_years_include_both_ends() -> None:
    window = last_years(d("2026-03-15"), 3)
    assert window == Window(d("2023-03-15"), d("2026-03-15"))
    assert d("2023-03-15") in window
    assert d("2026-03-15") in window
    assert d("2023-03-14") not in window
    assert d("2026-03-16") not in window


def test_a_window_holds_only_dates() -> None:
    assert "2024-01-01" not in last_years(d("2026-03-15"), 3)
