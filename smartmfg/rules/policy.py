"""The ``Policy``: every parameter of a call (domain.md §3 and §7), the Rules' values as defaults.

Every figure the rules use comes from a ``Policy``; none is written in rule
code. 第十四条 says the Rules will be adjusted when things change, so each
yearly call carries its own ``Policy``; ``parameters`` names and describes
what can be changed. Besides eligibility's, it holds the expert review's
(第九条): ``local_avoidance``, the weights of affinity, the aggregation rule
and the outlier threshold of the scores, the share of spot checks and the
reminders before the scoring deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, Generic, TypeVar

from .experts.aggregate import AggregationRule
from .facts import TIERS, CreditRating, InvestmentCategory, Tier
from .parameters import (
    CENT,
    MESSAGES,
    PARAMETER_BY_NAME,
    PARAMETERS,
    WEIGHT_KEYS,
    Bad,
    InvalidPolicy,
    JsonValue,
    Parameter,
    PolicyProblem,
    check,
    json_form,
    param_ref,
    problem,
    read_json,
    read_text,
    text_form,
)
from .text import Lazy, Text

T = TypeVar("T")

__all__ = ["CENT", "DEFAULT_POLICY", "AffinityWeights", "InvalidPolicy", "PerTier", "Policy", "PolicyProblem"]


@dataclass(frozen=True, slots=True)
class PerTier(Generic[T]):
    """One value per tier."""

    digital_workshop: T
    smart_factory: T
    future_factory: T

    def __getitem__(self, tier: Tier) -> T:
        if tier == "digital_workshop":
            return self.digital_workshop
        if tier == "smart_factory":
            return self.smart_factory
        if tier == "future_factory":
            return self.future_factory
        raise KeyError(tier)


@dataclass(frozen=True, slots=True)
class AffinityWeights:
    """The weights of ``experts.affinity``: same division, same section, same manufacturing type, suited group.

    Whole numbers from 0 to 100; only their proportions matter (the affinity
    divides by their sum).
    """

    division: int
    section: int
    manufacturing: int
    group: int

    def __getitem__(self, key: str) -> int:
        if key not in WEIGHT_KEYS:
            raise KeyError(key)
        value: int = getattr(self, key)
        return value

    @property
    def total(self) -> int:
        return self.division + self.section + self.manufacturing + self.group


@dataclass(frozen=True, slots=True)
class Policy:
    """Every parameter of a call; the defaults are the Rules' own values (and the Department's practice
    where the Rules fix none).

    Construction validates (``InvalidPolicy``). Per-tier values are ``PerTier``
    records: ``policy.min_investment["smart_factory"]``; the weights of
    affinity one ``AffinityWeights``: ``policy.affinity_weight.division``.
    """

    province_code: str = "22"
    violation_window_years: int = 2
    incident_window_years: int = 2
    ban_years: int = 3
    investment_window_years: int = 3
    cultivation_deadline: dt.date = dt.date(2025, 12, 31)
    min_credit_rating: PerTier[CreditRating] = PerTier("qualified", "qualified", "good")
    min_investment: PerTier[Decimal] = PerTier(Decimal("20000000.00"), Decimal("40000000.00"), Decimal("80000000.00"))
    min_maturity_level: PerTier[int] = PerTier(1, 2, 3)
    max_maturity_level: PerTier[int] = PerTier(2, 3, 4)
    min_workshops: int = 2
    min_scenarios: int = 5
    eligible_investment_categories: frozenset[InvestmentCategory] = field(
        default=frozenset({"equipment", "software", "consulting_services"})
    )
    return_response_working_days: int = 10
    notice_working_days: int = 5
    cultivation_first_reminder_days: int = 30
    cultivation_last_reminder_days: int = 7
    # 第九条, domain.md §7: 属地回避 is off unless the Department turns it on.
    local_avoidance: bool = False
    affinity_weight: AffinityWeights = AffinityWeights(division=50, section=20, manufacturing=20, group=10)
    # domain.md §7: the trimmed mean (去掉一个最高分和一个最低分), a total more than 15 points from the
    # median flagged, a fifth of the review list visited, experts reminded 3 days and 1 day before.
    aggregation_rule: AggregationRule = "trimmed_mean"
    outlier_threshold: int = 15
    spot_check_share: int = 20
    scoring_first_reminder_days: int = 3
    scoring_last_reminder_days: int = 1

    def __post_init__(self) -> None:
        problems = _check_all(self)
        if problems:
            raise InvalidPolicy(problems)

    def get(self, name: str) -> Any:
        """The typed value of the parameter ``name`` (``KeyError`` if there is none)."""
        param = PARAMETER_BY_NAME[name]
        value = getattr(self, param.attribute)
        return value[param.key] if param.key else value

    def to_dict(self) -> dict[str, JsonValue]:
        """``{name: value}`` for every parameter, JSON-safe (amounts and dates as strings)."""
        return {p.name: json_form(p, self.get(p.name)) for p in PARAMETERS}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Policy:
        """The inverse of ``to_dict``; a missing name keeps the Rules' default.

        Unknown names, wrong types, negative amounts, more than two decimals and
        values out of range raise ``InvalidPolicy`` naming every parameter at fault.
        """
        if not isinstance(data, Mapping):
            raise InvalidPolicy([problem("", "not_object")])
        return DEFAULT_POLICY._rebuild(data, read_json)

    def with_changes(self, changes: Mapping[str, str]) -> Policy:
        """This policy with some parameters set from their text form.

        ``{"cultivation_deadline": "2026-12-31", "eligible_investment_categories": "equipment,software"}``;
        every problem is reported at once (``InvalidPolicy``).
        """
        return self._rebuild(changes, read_text)

    def diff(self, other: Policy) -> list[tuple[str, str, str]]:
        """``(name, this value, other's value)`` in text form for every parameter that differs."""
        changed = []
        for p in PARAMETERS:
            old, new = self.get(p.name), other.get(p.name)
            if old != new:
                changed.append((p.name, text_form(p, old), text_form(p, new)))
        return changed

    def value_text(self, name: str) -> str:
        """The text form of one parameter, as ``with_changes`` takes it."""
        return text_form(PARAMETER_BY_NAME[name], self.get(name))

    def _rebuild(self, changes: Mapping[str, Any], read: Callable[[Parameter, Any], Any]) -> Policy:
        values = {p.name: self.get(p.name) for p in PARAMETERS}
        problems: list[PolicyProblem] = []
        for name, raw in changes.items():
            param = PARAMETER_BY_NAME.get(name)
            if param is None:
                problems.append(PolicyProblem(name, Text(MESSAGES, "unknown", {"name": name})))
                continue
            try:
                values[name] = read(param, raw)
            except Bad as bad:
                problems.append(problem(name, bad.key, value=raw, **bad.params))
                continue
            wrong = check(param, values[name])
            if wrong:
                problems.append(wrong)
        if problems:
            raise InvalidPolicy(problems)
        return _build(values)


def _build(v: Mapping[str, Any]) -> Policy:
    def tiers(attribute: str) -> PerTier[Any]:
        return PerTier(*(v[f"{attribute}.{tier}"] for tier in TIERS))

    scalars = {p.name: v[p.name] for p in PARAMETERS if p.key is None}
    return Policy(
        **scalars,
        affinity_weight=AffinityWeights(*(v[f"affinity_weight.{key}"] for key in WEIGHT_KEYS)),
        min_credit_rating=tiers("min_credit_rating"),
        min_investment=tiers("min_investment"),
        min_maturity_level=tiers("min_maturity_level"),
        max_maturity_level=tiers("max_maturity_level"),
    )


def _check_all(policy: Policy) -> list[PolicyProblem]:
    problems = [p for param in PARAMETERS if (p := check(param, policy.get(param.name)))]
    for tier in TIERS:
        low, high = policy.min_maturity_level[tier], policy.max_maturity_level[tier]
        if isinstance(low, int) and isinstance(high, int) and high < low:
            problems.append(
                problem(
                    f"max_maturity_level.{tier}",
                    "order",
                    value=high,
                    other=Lazy(param_ref, (f"min_maturity_level.{tier}",)),
                    other_value=low,
                )
            )
    for reminders in ("cultivation", "scoring"):
        problems.extend(_reminders_in_order(policy, reminders))
    return problems


def _reminders_in_order(policy: Policy, reminders: str) -> list[PolicyProblem]:
    """The first reminder (``<reminders>_first_reminder_days`` before) may not come after the last one."""
    first_name, last_name = f"{reminders}_first_reminder_days", f"{reminders}_last_reminder_days"
    first, last = policy.get(first_name), policy.get(last_name)
    if isinstance(first, int) and isinstance(last, int) and first < last:
        return [problem(first_name, "order", value=first, other=Lazy(param_ref, (last_name,)), other_value=last)]
    return []


DEFAULT_POLICY: Final = Policy()
