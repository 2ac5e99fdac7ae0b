"""Working days in China: the State Council's holidays and adjusted working days (调休).

``chinesecalendar`` knows each year's arrangement once the State Council has
published it (usually late in the year before). For a year it does not know
yet, Monday to Friday count as working days except the holidays fixed by
calendar date (元旦, 劳动节, 国庆节); ``knows`` tells the page to ask the
officer to check the date.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar

# 《全国年节及纪念日放假办法》: the holidays fixed by calendar date (month, day).
FIXED_HOLIDAYS = frozenset({(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)})


def knows(day: dt.date) -> bool:
    """Whether the holiday arrangement of ``day``'s year is known."""
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


def is_working_day(day: dt.date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS


def last_working_day(starts_on: dt.date, working_days: int) -> dt.date:
    """The last day of a period of ``working_days`` working days beginning on ``starts_on``.

    The start day counts when it is a working day. A notice of five working
    days starting on Monday 2026-09-21 ends on Monday 2026-09-28 (25 September
    is the Mid-Autumn Festival); one starting on Thursday 2026-04-30 ends on
    Saturday 2026-05-09, a working day in exchange for the Labour Day holiday.
    """
    day = starts_on
    counted = 0
    while True:
        if is_working_day(day):
            counted += 1
            if counted == working_days:
                return day
        day += dt.timedelta(days=1)


def working_days_after(day: dt.date, working_days: int) -> dt.date:
    """The ``working_days``-th working day after ``day`` (``day`` itself not counted): a deadline
    set on a day, such as a response due ten working days after a return."""
    return last_working_day(day + dt.timedelta(days=1), working_days)
