"""Construction status and the investment threshold (第五条至第七条, clause 1).

Which investment counts (domain.md §3):

- only the categories of ``policy.eligible_investment_categories`` (equipment,
  software, other technology consulting and services); civil works and plant
  buildings never count;
- a project in production: completed investment (paid and invoiced) dated in
  the last ``investment_window_years`` years, nothing planned;
- a project under construction: the same completed investment, plus planned
  investment due from the window's start to the expected completion date.

The second rule follows the project's status even when ``construction_status``
fails, so the threshold is always judged on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

from ..articles import CLAUSE_1
from ..facts import INVESTMENT_CATEGORY_LABELS, TIER_LABELS, ApplicationFacts, InvestmentFacts, Track
from ..policy import CENT, Policy
from ..text import Lang, Lazy, Text, Yuan
from ..windows import shift_years
from .common import Check, describes, join

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "recognition": {
        "zh": "截至申报时间（{applied_on}）已建成投产（{started}投产），按认定通道评审",
        "en": "built and in production by the application date ({applied_on}; in production since "
        "{started}): recognition track",
    },
    "no_start": {
        "zh": "项目填报为已建成投产，但没有投产日期，不能确认截至申报时间已建成投产",
        "en": "the project is declared in production but has no production start date, so it cannot be "
        "confirmed to be in production by the application date",
    },
    "late_start": {
        "zh": "投产日期{started}晚于申报日期{applied_on}，截至申报时间尚未建成投产",
        "en": "production starts on {started}, after the application date {applied_on}: not in production "
        "when applying",
    },
    "cultivation": {
        "zh": "项目正在实施改造，预计{expected}建成投产，不晚于{deadline}，纳入培育阶段",
        "en": "under construction and expected in production on {expected}, not after {deadline}: cultivation stage",
    },
    "no_expected": {
        "zh": "项目正在实施改造，但没有预计建成投产日期，无法确认能在{deadline}前建成投产",
        "en": "under construction with no expected completion date, so it cannot be confirmed to be in "
        "production by {deadline}",
    },
    "late_expected": {
        "zh": "项目正在实施改造，预计{expected}建成投产，晚于{deadline}的期限，不能纳入培育阶段",
        "en": "under construction and expected in production on {expected}, after the {deadline} deadline: "
        "it cannot enter the cultivation stage",
    },
    "threshold_met": {
        "zh": "{basis}：近{years}年（{start}至{end}）可计入的项目软硬件投资为{amount}，"
        "不低于{tier}要求的{minimum}。{left_out}",
        "en": "{basis}: eligible software and hardware investment of the last {years} years "
        "({start} to {end}) is {amount}, at least the {minimum} required of a {tier}.{left_out}",
    },
    "threshold_short": {
        "zh": "{basis}：近{years}年（{start}至{end}）可计入的项目软硬件投资为{amount}，"
        "低于{tier}要求的{minimum}，还差{shortfall}。{left_out}",
        "en": "{basis}: eligible software and hardware investment of the last {years} years "
        "({start} to {end}) is {amount}, below the {minimum} required of a {tier}, "
        "short by {shortfall}.{left_out}",
    },
    "basis_recognition": {
        "zh": "按认定通道（已建成投产，只计已完成投资）",
        "en": "Recognition track (in production: completed investment only)",
    },
    "basis_in_production": {
        "zh": "按已建成投产项目口径（只计已完成投资；建设状态不符合要求，没有通道）",
        "en": "As a project in production (completed investment only; no track, as the construction status fails)",
    },
    "basis_cultivation": {
        "zh": "按培育阶段（正在实施改造，计已完成投资及预计建成投产日期{expected}前的计划投资）",
        "en": "Cultivation stage (under construction: completed investment plus planned investment due by "
        "the expected completion date {expected})",
    },
    "basis_construction": {
        "zh": "按在建项目口径（计已完成投资及预计建成投产日期{expected}前的计划投资；不能纳入培育阶段，没有通道）",
        "en": "As a project under construction (completed investment plus planned investment due by the "
        "expected completion date {expected}; no track, as it cannot enter the cultivation stage)",
    },
    "basis_construction_undated": {
        "zh": "按在建项目口径（没有预计建成投产日期，只计已完成投资；不能纳入培育阶段，没有通道）",
        "en": "As a project under construction (no expected completion date, so completed investment only; "
        "no track, as it cannot enter the cultivation stage)",
    },
    "left_out": {"zh": "未计入：{items}。", "en": " Left out: {items}."},
    "item": {"zh": "第{n}项（{ref}{amount}）{reason}", "en": "item {n} ({ref}{amount}): {reason}"},
    "category": {
        "zh": "{category}不计入软硬件投资",
        "en": "the category '{category}' does not count as software and hardware investment",
    },
    "outside_window": {
        "zh": "日期{date}不在{start}至{end}内",
        "en": "dated {date}, outside {start} to {end}",
    },
    "planned_recognition": {
        "zh": "计划投资，已建成投产项目只计已完成投资",
        "en": "planned, and a project in production counts completed investment only",
    },
    "planned_no_expected": {
        "zh": "计划投资，但项目没有预计建成投产日期",
        "en": "planned, but the project has no expected completion date",
    },
    "planned_before_window": {
        "zh": "计划日期{date}早于{start}",
        "en": "planned for {date}, before {start}",
    },
    "planned_after_completion": {
        "zh": "计划于{date}完成，晚于预计建成投产日期{expected}",
        "en": "planned for {date}, after the expected completion date {expected}",
    },
}

# One left-out item: (item number, reason, date, category, amount, invoice number).
LeftOut = tuple[int, str, dt.date, str, Decimal, str]


def track_of(facts: ApplicationFacts, policy: Policy) -> Track | None:
    """The track ``construction_status`` gives, or None when it fails."""
    project = facts.project
    if project.status == "in_production":
        started = project.production_started_on
        return "recognition" if started is not None and started <= facts.applied_on else None
    expected = project.expected_completion_on
    return "cultivation" if expected is not None and expected <= policy.cultivation_deadline else None


def construction_status(facts: ApplicationFacts, policy: Policy) -> Check:
    """第五条/第六条/第七条第1款: built and in production by the application date
    (track ``recognition``), or under construction and due in production by
    ``cultivation_deadline`` (track ``cultivation``, 培育阶段).

    In production without a start date, or starting after the application
    date: fail. Under construction without an expected date, or expected after
    the deadline: fail. Either way the application has no track.
    """
    project = facts.project
    track = track_of(facts, policy)
    data = {
        "status": project.status,
        "track": track,
        "applied_on": facts.applied_on,
        "started": project.production_started_on,
        "expected": project.expected_completion_on,
        "deadline": policy.cultivation_deadline,
    }
    reason = _status_reason(facts, policy)
    return Check("construction_status", CLAUSE_1[facts.tier], "fail" if track is None else "pass", reason, data)


def _status_reason(facts: ApplicationFacts, policy: Policy) -> str:
    project = facts.project
    if project.status == "in_production":
        started = project.production_started_on
        if started is None:
            return "no_start"
        return "late_start" if started > facts.applied_on else "recognition"
    expected = project.expected_completion_on
    if expected is None:
        return "no_expected"
    return "late_expected" if expected > policy.cultivation_deadline else "cultivation"


def investment_threshold(facts: ApplicationFacts, policy: Policy) -> Check:
    """第五条/第六条/第七条第1款: the project's eligible software and hardware
    investment (项目软硬件完成投资) of the last ``investment_window_years``
    years is not lower than (``>=``) the tier's ``min_investment``.

    ``data["eligible_investment"]`` is what counted; ``data["left_out"]`` every
    item that did not, with its reason.
    """
    end = facts.applied_on
    start = shift_years(end, -policy.investment_window_years)
    total, left_out = eligible_investment(facts, policy, start, end)
    minimum = policy.min_investment[facts.tier]
    data = {
        "tier": facts.tier,
        "basis": _basis(facts, policy),
        "years": policy.investment_window_years,
        "start": start,
        "end": end,
        "expected": facts.project.expected_completion_on,
        "eligible_investment": total,
        "minimum": minimum,
        "left_out": left_out,
    }
    if total >= minimum:
        return Check("investment_threshold", CLAUSE_1[facts.tier], "pass", "threshold_met", data)
    return Check("investment_threshold", CLAUSE_1[facts.tier], "fail", "threshold_short", data)


def eligible_investment(
    facts: ApplicationFacts, policy: Policy, start: dt.date, end: dt.date
) -> tuple[Decimal, tuple[LeftOut, ...]]:
    """The amount that counts (to the fen) and the items left out, with their reasons.

    The engine's hot loop: plain comparisons, nothing allocated for an item that counts.
    """
    categories = policy.eligible_investment_categories
    project = facts.project
    # Planned items count only for a project under construction, up to its expected completion.
    planned_until = project.expected_completion_on if project.status == "under_construction" else None
    total = Decimal(0)
    left_out: list[LeftOut] = []
    for n, item in enumerate(facts.investments, 1):
        if item.category in categories:
            day = item.date
            if item.status == "completed":
                if start <= day <= end:
                    total += item.amount
                    continue
            elif planned_until is not None and start <= day <= planned_until:
                total += item.amount
                continue
        left_out.append(_left_out(n, item, start, project.status, planned_until, categories))
    return total.quantize(CENT), tuple(left_out)


def _left_out(
    n: int,
    item: InvestmentFacts,
    start: dt.date,
    status: str,
    planned_until: dt.date | None,
    categories: frozenset[str],
) -> LeftOut:
    """An item that does not count, with the first reason why."""
    if item.category not in categories:
        reason = "category"
    elif item.status == "completed":
        reason = "outside_window"
    elif status == "in_production":
        reason = "planned_recognition"
    elif planned_until is None:
        reason = "planned_no_expected"
    elif item.date < start:
        reason = "planned_before_window"
    else:
        reason = "planned_after_completion"
    return (n, reason, item.date, item.category, item.amount, item.invoice_no)


def _basis(facts: ApplicationFacts, policy: Policy) -> str:
    """Which investment counts, in the words of the message."""
    track = track_of(facts, policy)
    if facts.project.status == "in_production":
        return "basis_recognition" if track else "basis_in_production"
    if track:
        return "basis_cultivation"
    return "basis_construction" if facts.project.expected_completion_on else "basis_construction_undated"


@describes("construction_status")
def _describe_status(reason: str, data: Mapping[str, Any]) -> Text:
    return Text(MESSAGES, reason, data)


@describes("investment_threshold")
def _describe_threshold(reason: str, data: Mapping[str, Any]) -> Text:
    total, minimum = data["eligible_investment"], data["minimum"]
    params = {
        **data,
        "basis": Text(MESSAGES, data["basis"], data),
        "tier": Text(TIER_LABELS, data["tier"]),
        "amount": Yuan(total),
        "minimum": Yuan(minimum, compact=True),
        "shortfall": Yuan(max(minimum - total, Decimal(0))),
        "left_out": Lazy(_left_out_text, (data,)),
    }
    return Text(MESSAGES, reason, params)


def _left_out_text(lang: Lang, data: Mapping[str, Any]) -> str:
    items = data["left_out"]
    if not items:
        return ""
    described = [_describe_item(lang, item, data) for item in items]
    return Text(MESSAGES, "left_out", {"items": join(lang, described)}).render(lang)


def _describe_item(lang: Lang, item: LeftOut, data: Mapping[str, Any]) -> str:
    n, reason, day, category, amount, invoice_no = item
    params = {
        "date": day,
        "start": data["start"],
        "end": data["end"],
        "expected": data["expected"],
        "category": INVESTMENT_CATEGORY_LABELS[category][lang],
    }
    ref = "" if not invoice_no else (f"发票号{invoice_no}，" if lang == "zh" else f"invoice {invoice_no}, ")
    item_params = {"n": n, "ref": ref, "amount": Yuan(amount), "reason": Text(MESSAGES, reason, params)}
    return Text(MESSAGES, "item", item_params).render(lang)
