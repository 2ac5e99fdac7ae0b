"""Applications for the rule tests: one that passes every decided rule, per tier,
and small helpers to change one thing at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

from smartmfg.rules import (
    ApplicationFacts,
    CreditCheckFacts,
    EnterpriseFacts,
    InvestmentFacts,
    MaturityFacts,
    ProjectFacts,
    Scenario,
    Tier,
    facts_to_dict,
)
from smartmfg.rules.identifiers import make_uscc

APPLIED_ON = dt.date(2026, 3, 15)
USCC = make_uscc("91", "220102", "12345678")  # 91220102123456788J

MINIMUM = {
    "digital_workshop": Decimal("20000000.00"),
    "smart_factory": Decimal("40000000.00"),
    "future_factory": Decimal("80000000.00"),
}
MIN_LEVEL = {"digital_workshop": 1, "smart_factory": 2, "future_factory": 3}


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def enterprise(**changes: Any) -> EnterpriseFacts:
    base = EnterpriseFacts("长春示范汽车零部件有限公司", USCC, "independent", True, "220102")
    return replace(base, **changes)


def credit(**changes: Any) -> CreditCheckFacts:
    return replace(CreditCheckFacts("excellent", False, False, d("2026-03-01")), **changes)


def item(
    amount: str | Decimal = "1000000.00",
    date: str = "2025-01-10",
    category: str = "equipment",
    status: str = "completed",
    invoice_no: str = "INV-1",
) -> InvestmentFacts:
    return InvestmentFacts(d(date), category, Decimal(amount), status, invoice_no)  # type: ignore[arg-type]


def project(**changes: Any) -> ProjectFacts:
    base = ProjectFacts(
        name="智能化改造项目",
        region_code="220102",
        status="in_production",
        production_started_on=d("2025-06-01"),
        expected_completion_on=None,
        workshops=("冲压车间", "焊装车间"),
        scenarios=tuple(Scenario("intelligent_production", f"场景{n}") for n in range(1, 6)),
    )
    return replace(base, **changes)


def under_construction(expected: str | None = "2025-11-30", **changes: Any) -> ProjectFacts:
    return project(
        status="under_construction",
        production_started_on=None,
        expected_completion_on=d(expected) if expected else None,
        **changes,
    )


def maturity(level: int = 2, **changes: Any) -> MaturityFacts:
    return replace(MaturityFacts(level, Decimal("2.4"), d("2026-01-10"), "C3M-2026-0001"), **changes)


def application(tier: Tier = "digital_workshop", **changes: Any) -> ApplicationFacts:
    """An application that passes every rule the software decides."""
    base = ApplicationFacts(
        tier=tier,
        applied_on=APPLIED_ON,
        enterprise=enterprise(),
        credit_check=credit(),
        project=project(),
        investments=(item(MINIMUM[tier]),),
        maturity=maturity(MIN_LEVEL[tier]),
    )
    return replace(base, **changes)


def document(tier: Tier = "digital_workshop", **changes: Any) -> dict[str, Any]:
    """The import-format document of ``application(tier, **changes)``."""
    return facts_to_dict(application(tier, **changes))


def result(facts: ApplicationFacts, rule: str, policy: Any = None) -> str:
    from smartmfg.rules import DEFAULT_POLICY, judge

    return judge(facts, policy or DEFAULT_POLICY).check(rule).result
