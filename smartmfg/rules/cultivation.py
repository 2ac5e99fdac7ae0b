"""The cultivation stage (培育阶段) of 第五条至第七条第1款.

A project under construction when it applied, due to be in production by the
call's deadline, is published as a cultivation project. It becomes recognised
only if it really entered production by that deadline (a later date means it
did not meet the condition it was admitted on: it can only be dropped), and
the enterprise is reminded as the deadline approaches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from .articles import all_tiers_clause
from .policy import Policy
from .text import Day, Lang, Text

ARTICLE: Final = all_tiers_clause(1)

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "after_deadline": {
        "zh": "建成投产日期{day}晚于本批次培育项目的建成投产期限{deadline}（{article}），不能转为认定，"
        "只能在期满后按“培育期满未建成投产”办理",
        "en": "the project entered production on {day}, after the call's cultivation deadline of {deadline} "
        "({article}): it cannot become recognised, and can only be dropped once the deadline has passed",
    },
    "before_application": {
        "zh": "建成投产日期{day}早于申报日期{applied}：申报时项目尚在建设，请核对日期",
        "en": "the project cannot have entered production on {day}, before it applied on {applied} as a "
        "project under construction: check the date",
    },
    "future": {
        "zh": "建成投产日期{day}晚于今天，项目尚未建成投产",
        "en": "{day} is after today: the project is not yet in production",
    },
}


def conversion_problem(
    entered_production_on: dt.date, *, applied_on: dt.date, today: dt.date, policy: Policy
) -> Text | None:
    """Why a cultivation project that entered production on that day cannot become recognised (None: it can)."""
    params = {"day": Day(entered_production_on), "article": ARTICLE}
    if entered_production_on > today:
        return Text(MESSAGES, "future", params)
    if entered_production_on < applied_on:
        return Text(MESSAGES, "before_application", {**params, "applied": Day(applied_on)})
    if entered_production_on > policy.cultivation_deadline:
        return Text(MESSAGES, "after_deadline", {**params, "deadline": Day(policy.cultivation_deadline)})
    return None


def reminder_due(deadline: dt.date, today: dt.date, days_before: Sequence[int]) -> int | None:
    """Which reminder is due on ``today``: the smallest of ``days_before`` whose day has come, until the deadline.

    With ``(30, 7)`` that is 30 from 30 days before the deadline, 7 from 7 days
    before, and None after the deadline or before the first reminder. A daily
    run sends each one once (the caller records what was sent), and a run
    missed on the exact day still sends it the day after.
    """
    if today > deadline:
        return None
    left = (deadline - today).days
    due = [days for days in days_before if left <= days]
    return min(due) if due else None
