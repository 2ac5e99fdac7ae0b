"""credit_rating (第四条) and credit_lists (第四条；定义（八）)."""

from __future__ import annotations

import pytest

from smartmfg.rules import judge

from .builders import application, credit

# The minimum is 合格以上 for workshops and smart factories, 良好以上 for future factories.
TABLE = [
    ("digital_workshop", "excellent", "pass"),
    ("digital_workshop", "good", "pass"),
    ("digital_workshop", "qualified", "pass"),
    ("digital_workshop", "unqualified", "fail"),
    ("smart_factory", "qualified", "pass"),
    ("smart_factory", "unqualified", "fail"),
    ("future_factory", "excellent", "pass"),
    ("future_factory", "good", "pass"),
    ("future_factory", "qualified", "fail"),
    ("future_factory", "unqualified", "fail"),
]


@pytest.mark.parametrize(("tier", "rating", "expected"), TABLE)
def test_credit_rating_against_the_tier_minimum(tier: str, rating: str, expected: str) -> None:
    check = judge(application(tier, credit_check=credit(rating=rating))).check("credit_rating")  # type: ignore[arg-type]
    assert (check.result, check.article) == (expected, "第四条")


def test_credit_rating_message_gives_rating_and_minimum() -> None:
    check = judge(application("future_factory", credit_check=credit(rating="qualified"))).check("credit_rating")
    assert check.message.render("zh") == "企业信用核查结果为合格（2026-03-01核查），低于未来工厂要求的良好以上"
    assert "qualified" in check.message.render("en")
    assert "good or better" in check.message.render("en")


def test_no_credit_check_fails_both_credit_rules() -> None:
    verdict = judge(application(credit_check=None))
    for rule in ("credit_rating", "credit_lists"):
        check = verdict.check(rule)
        assert check.result == "fail"
        assert "没有企业信用核查结果" in check.message.render("zh")
        assert "no credit check on record" in check.message.render("en")
    assert verdict.eligible is False


@pytest.mark.parametrize(
    ("abnormal", "dishonest", "expected", "named"),
    [
        (False, False, "pass", []),
        (True, False, "fail", ["经营异常名录"]),
        (False, True, "fail", ["严重失信主体名单"]),
        (True, True, "fail", ["经营异常名录", "严重失信主体名单"]),
    ],
)
def test_credit_lists(abnormal: bool, dishonest: bool, expected: str, named: list[str]) -> None:
    facts = application(credit_check=credit(on_abnormal_list=abnormal, on_serious_dishonesty_list=dishonest))
    check = judge(facts).check("credit_lists")
    assert (check.result, check.article) == (expected, "第四条；定义（八）")
    for name in named:
        assert f"被列入{name}" in check.message.render("zh") or f"、{name}" in check.message.render("zh")
