"""Varied applications in the import format, for benchmarks and load tests.

``generate(n, seed)`` is pure and deterministic: the same ``n`` and ``seed``
give the same documents. About 20 investment items each, all three tiers,
both project statuses, and a share of applications failing each kind of rule
(credit, lists, violations, bans, construction status, investment, maturity,
self-assessment, workshops, scenarios, location, legal status).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from smartmfg.rules.divisions import JILIN_DIVISIONS
from smartmfg.rules.facts import (
    CREDIT_RATINGS,
    INCIDENT_KINDS,
    SCENARIO_AREAS,
    TIERS,
    Tier,
)
from smartmfg.rules.identifiers import CHARSET, make_uscc
from smartmfg.rules.policy import DEFAULT_POLICY

COUNTIES = sorted(code for code, division in JILIN_DIVISIONS.items() if division.level == "county")
OUTSIDE = ["210102", "110105", "230103"]  # 沈阳, 北京, 哈尔滨: valid codes outside Jilin
ORG_CHARS = CHARSET  # GB 11714 bodies use digits and capitals; the set excludes I, O, S, V, Z
CATEGORIES = ["equipment"] * 8 + ["software"] * 5 + ["consulting_services"] * 3 + ["civil_works", "plant_building"]


def generate(n: int, seed: int = 2024) -> list[dict[str, Any]]:
    """``n`` application documents, deterministic by ``seed``."""
    rng = random.Random(seed)
    return [_application(rng, i) for i in range(n)]


def _application(rng: random.Random, i: int) -> dict[str, Any]:
    tier: Tier = TIERS[i % len(TIERS)]
    applied_on = dt.date(2026, 3, 1) + dt.timedelta(days=rng.randint(0, 45))
    project = _project(rng, tier, applied_on)
    document: dict[str, Any] = {
        "tier": tier,
        "applied_on": applied_on.isoformat(),
        "enterprise": _enterprise(rng, i),
        "violations": _events(rng, applied_on, 0.15, lambda d: {"date": d, "description": "行政处罚"}),
        "major_incidents": _events(
            rng,
            applied_on,
            0.08,
            lambda d: {"date": d, "kind": rng.choice(INCIDENT_KINDS), "description": "重大事故"},
        ),
        "revocations": _events(rng, applied_on, 0.03, lambda d: {"date": d, "reason": "申报材料弄虚作假"}, 6),
        "project": project,
        "investments": _investments(rng, i, tier, applied_on, project),
    }
    if rng.random() > 0.04:
        document["credit_check"] = _credit(rng, applied_on)
    if rng.random() > 0.04:
        document["maturity"] = _maturity(rng, tier, applied_on)
    return document


def _enterprise(rng: random.Random, i: int) -> dict[str, Any]:
    division = rng.choice(COUNTIES)
    body = "".join(rng.choice(ORG_CHARS) for _ in range(8))
    branch = rng.random() < 0.1
    return {
        "name": f"吉林省示范制造有限公司{i:05d}",
        "uscc": make_uscc("91", division, body),
        "legal_status": "branch" if branch else "independent",
        "pays_tax_in_province": not branch or rng.random() < 0.8,
        "region_code": division,
    }


def _credit(rng: random.Random, applied_on: dt.date) -> dict[str, Any]:
    return {
        "rating": rng.choices(CREDIT_RATINGS, weights=(30, 40, 25, 5))[0],
        "on_abnormal_list": rng.random() < 0.03,
        "on_serious_dishonesty_list": rng.random() < 0.02,
        "checked_on": (applied_on - dt.timedelta(days=rng.randint(0, 30))).isoformat(),
    }


def _events(rng: random.Random, applied_on: dt.date, share: float, make: Any, years: int = 4) -> list[Any]:
    count = 0
    while rng.random() < share and count < 3:
        count += 1
    days = 365 * years
    return [make((applied_on - dt.timedelta(days=rng.randint(0, days))).isoformat()) for _ in range(count)]


def _project(rng: random.Random, tier: Tier, applied_on: dt.date) -> dict[str, Any]:
    in_production = rng.random() < 0.65
    started = expected = None
    if in_production:
        roll = rng.random()
        if roll > 0.03:
            offset = rng.randint(30, 900) if roll > 0.05 else -rng.randint(1, 60)
            started = (applied_on - dt.timedelta(days=offset)).isoformat()
    elif rng.random() > 0.03:
        expected = (dt.date(2025, 6, 1) + dt.timedelta(days=rng.randint(0, 330))).isoformat()
    workshops = rng.randint(1, 4) if tier != "digital_workshop" else 1
    scenarios = rng.randint(2, 8) if tier == "future_factory" else rng.randint(0, 3)
    return {
        "name": f"{tier}改造项目",
        "region_code": rng.choice(COUNTIES) if rng.random() > 0.03 else rng.choice(OUTSIDE),
        "status": "in_production" if in_production else "under_construction",
        "production_started_on": started,
        "expected_completion_on": expected,
        "workshops": [{"name": f"第{k + 1}车间"} for k in range(workshops)],
        "scenarios": [{"area": rng.choice(SCENARIO_AREAS), "title": f"场景{k + 1}"} for k in range(scenarios)],
    }


def _investments(
    rng: random.Random, i: int, tier: Tier, applied_on: dt.date, project: dict[str, Any]
) -> list[dict[str, Any]]:
    count = rng.randint(17, 23)
    # About two thirds of the items count, so roughly half the applications reach the threshold.
    target = DEFAULT_POLICY.min_investment[tier] * Decimal(rng.uniform(1.2, 2.6))
    share = target / count
    planned_share = 0.0 if project["status"] == "in_production" else 0.3
    items = []
    for k in range(count):
        amount = (share * Decimal(rng.uniform(0.5, 1.5))).quantize(Decimal("0.01"))
        planned = rng.random() < planned_share or rng.random() < 0.03
        day = (
            applied_on + dt.timedelta(days=rng.randint(1, 300))
            if planned
            else (applied_on - dt.timedelta(days=rng.randint(0, 365 * 4)))
        )
        items.append(
            {
                "date": day.isoformat(),
                "category": rng.choice(CATEGORIES),
                "amount": f"{amount:.2f}" if k % 5 else int(amount),
                "status": "planned" if planned else "completed",
                "invoice_no": "" if planned else f"INV{i:06d}-{k:02d}",
            }
        )
    return items


def _maturity(rng: random.Random, tier: Tier, applied_on: dt.date) -> dict[str, Any]:
    low = DEFAULT_POLICY.min_maturity_level[tier]
    level = max(1, min(5, low + rng.choice((-1, 0, 0, 0, 1, 1))))
    reported = rng.random() > 0.03
    return {
        "level": level,
        "score": round(level + rng.random() * 0.9, 2),
        "assessed_on": (applied_on - dt.timedelta(days=rng.randint(-5, 200))).isoformat(),
        "report_no": f"C3M-{rng.randint(100000, 999999)}" if reported else None,
    }
