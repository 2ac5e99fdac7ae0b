"""judge(): which rules, in which order, and what the verdict says."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from smartmfg.rules import RULE_LABELS, RULES, TIERS, Verdict, Violation, judge

from .builders import application, d, item

TABLE_ORDER = [
    "legal_entity",
    "project_in_province",
    "operations_finance",
    "no_violations",
    "no_major_incidents",
    "credit_rating",
    "credit_lists",
    "not_banned",
    "construction_status",
    "investment_threshold",
    "maturity_level",
    "self_assessment",
    "workshop_count",
    "scenario_count",
    "technical_merit",
]


def test_the_rule_table_follows_domain_md() -> None:
    assert [rule.id for rule in RULES] == TABLE_ORDER
    assert list(RULE_LABELS) == TABLE_ORDER
    assert RULES[6].article == "第四条；定义（八）"
    assert RULES[9].article == "第五条至第七条第1款"


@pytest.mark.parametrize("tier", TIERS)
def test_checks_come_in_table_order_for_the_tier(tier: str) -> None:
    rules = [check.rule for check in judge(application(tier)).checks]  # type: ignore[arg-type]
    expected = [
        r
        for r in TABLE_ORDER
        if not (r == "workshop_count" and tier != "smart_factory")
        and not (r == "scenario_count" and tier != "future_factory")
    ]
    assert rules == expected


ARTICLES = {
    "digital_workshop": ["第四条"] * 7
    + ["第十二条", "第五条第1款", "第五条第1款", "第五条第2款", "第五条第4款", "第五条第3款"],
    "smart_factory": ["第四条"] * 7
    + ["第十二条", "第六条第1款", "第六条第1款", "第六条第2款", "第六条第4款", "第六条第3款", "第六条第3款"],
    "future_factory": ["第四条"] * 7
    + ["第十二条", "第七条第1款", "第七条第1款", "第七条第2款", "第七条第4款", "第七条第3款", "第七条第3款"],
}


@pytest.mark.parametrize("tier", TIERS)
def test_articles(tier: str) -> None:
    articles = [check.article for check in judge(application(tier)).checks]  # type: ignore[arg-type]
    expected = list(ARTICLES[tier])
    expected[6] = "第四条；定义（八）"
    assert articles == expected


@pytest.mark.parametrize("tier", TIERS)
def test_a_good_application_is_eligible_with_manual_checks_left(tier: str) -> None:
    verdict = judge(application(tier))  # type: ignore[arg-type]
    assert verdict.eligible is True
    assert verdict.track == "recognition"
    assert {c.rule for c in verdict.manual} == {"operations_finance", "technical_merit"}
    assert verdict.failed == ()


def test_one_failure_makes_it_ineligible() -> None:
    verdict = judge(application(violations=(Violation(d("2025-01-01"), "x"),)))
    assert verdict.eligible is False
    assert [c.rule for c in verdict.failed] == ["no_violations"]


def test_to_dict_is_the_printed_json() -> None:
    verdict = judge(application(investments=(item("12345"),)))
    data = verdict.to_dict("en")
    assert set(data) == {"tier", "eligible", "track", "eligible_investment", "checks"}
    assert data["eligible_investment"] == "12345.00"
    assert data["tier"] == "digital_workshop"
    assert data["track"] == "recognition"
    assert data["eligible"] is False
    assert data["checks"][0] == {
        "rule": "legal_entity",
        "article": "第四条",
        "result": "pass",
        "message": "the applicant is a registered independent legal person "
        "(unified social credit code 91220102123456788J)",
    }
    json.dumps(data, ensure_ascii=False)
    assert judge(application()).to_dict()["checks"][0]["message"].startswith("申报主体为")


def test_verdicts_are_values() -> None:
    assert judge(application()) == judge(application())
    verdict = judge(application())
    with pytest.raises(AttributeError):
        verdict.eligible = False  # type: ignore[misc]
    assert isinstance(verdict, Verdict)
    assert verdict.eligible_investment == Decimal("20000000.00")


def test_an_unknown_check_or_tier() -> None:
    with pytest.raises(KeyError):
        judge(application()).check("scenario_count")
    with pytest.raises(ValueError, match="tier"):
        judge(replace(application(), tier="national_factory"))  # type: ignore[arg-type]


def test_every_message_renders_in_both_languages() -> None:
    from .builders import credit, maturity, under_construction

    variants = [
        application(tier, credit_check=c, maturity=m, project=p)
        for tier in TIERS
        for c in (None, credit(rating="unqualified", on_abnormal_list=True))
        for m in (None, maturity(1, report_no=None))
        for p in (under_construction("2026-05-01", workshops=()), under_construction(None))
    ]
    for facts in variants:
        for check in judge(facts).checks:
            for lang in ("zh", "en"):
                text = check.message.render(lang)
                assert text and "{" not in text and "None" not in text, (check.rule, check.reason, text)
