"""The cultivation stage (Art. 5-7 §1): conversion by the deadline, reminders before it."""

from __future__ import annotations

import datetime as dt

import pytest

from smartmfg.rules import DEFAULT_POLICY
from smartmfg.rules.cultivation import conversion_problem, reminder_due

from .builders import d

DEADLINE = DEFAULT_POLICY.cultivation_deadline  # 2025-12-31


def problem(day: str, today: str = "2026-03-01"):
    return conversion_problem(d(day), applied_on=d("2025-04-10"), today=d(today), policy=DEFAULT_POLICY)


def test_in_production_by_the_deadline_converts_and_a_day_later_does_not() -> None:
    assert problem("2025-12-31") is None
    late = problem("2026-01-01")
    assert late is not None
    assert "晚于本批次培育项目的建成投产期限2025年12月31日" in late.render("zh")
    assert "只能在期满后按“培育期满未建成投产”办理" in late.render("zh")
    assert "can only be dropped" in late.render("en")


def test_the_date_cannot_be_in_the_future_nor_before_the_application() -> None:
    future = conversion_problem(
        d("2025-11-02"), applied_on=d("2025-04-10"), today=d("2025-11-01"), policy=DEFAULT_POLICY
    )
    assert future is not None and "晚于今天" in future.render("zh")
    early = problem("2025-04-09")
    assert early is not None and "早于申报日期2025年4月10日" in early.render("zh")


@pytest.mark.parametrize(
    ("days_left", "due"),
    [(31, None), (30, 30), (29, 30), (8, 30), (7, 7), (1, 7), (0, 7), (-1, None)],
)
def test_the_reminder_due_each_day_before_the_deadline(days_left: int, due: int | None) -> None:
    today = DEADLINE - dt.timedelta(days=days_left)
    assert reminder_due(DEADLINE, today, (30, 7)) == due
