"""maturity_level (第X条第2款) and self_assessment (第X条第4款)."""

from __future__ import annotations

import pytest

from smartmfg.rules import DEFAULT_POLICY, judge

from .builders import application, d, maturity


@pytest.mark.parametrize(
    ("tier", "level", "expected", "article"),
    [
        ("digital_workshop", 1, "pass", "第五条第2款"),
        ("smart_factory", 1, "fail", "第六条第2款"),
        ("smart_factory", 2, "pass", "第六条第2款"),
        ("future_factory", 2, "fail", "第七条第2款"),
        ("future_factory", 3, "pass", "第七条第2款"),
        ("future_factory", 5, "pass", "第七条第2款"),
    ],
)
def test_maturity_needs_the_lower_end_of_the_range(tier: str, level: int, expected: str, article: str) -> None:
    check = judge(application(tier, maturity=maturity(level))).check("maturity_level")  # type: ignore[arg-type]
    assert (check.result, check.article) == (expected, article)


def test_maturity_messages() -> None:
    below = judge(application("smart_factory", maturity=maturity(1))).check("maturity_level")
    assert below.message.render("zh") == "智能制造能力成熟度为1级（规划级），低于智能工厂要求的2级（参照2－3级要求）"
    above = judge(application("smart_factory", maturity=maturity(4))).check("maturity_level")
    assert "高于参考范围上限3级，仅作参考" in above.message.render("zh")
    assert "above the upper end 3" in above.message.render("en")


def test_no_maturity_assessment_fails_both_rules() -> None:
    verdict = judge(application(maturity=None))
    assert verdict.check("maturity_level").result == "fail"
    assert verdict.check("self_assessment").result == "fail"
    assert "没有智能制造能力成熟度评估结果" in verdict.check("maturity_level").message.render("zh")
    assert "no record of the self-assessment" in verdict.check("self_assessment").message.render("en")


@pytest.mark.parametrize(
    ("changes", "expected", "phrase"),
    [
        ({}, "pass", "报告编号C3M-2026-0001，2026-01-10"),
        ({"assessed_on": d("2026-03-15")}, "pass", "2026-03-15"),
        ({"assessed_on": d("2026-03-16")}, "fail", "晚于申报日期2026-03-15"),
        ({"assessed_on": None}, "fail", "缺少自评估完成日期"),
        ({"report_no": None}, "fail", "缺少自评估报告编号"),
        ({"report_no": ""}, "fail", "缺少自评估报告编号"),
    ],
)
def test_self_assessment(changes: dict[str, object], expected: str, phrase: str) -> None:
    check = judge(application("future_factory", maturity=maturity(3, **changes))).check("self_assessment")
    assert (check.result, check.article) == (expected, "第七条第4款")
    assert phrase in check.message.render("zh")


def test_minimum_levels_come_from_the_policy() -> None:
    lower = DEFAULT_POLICY.with_changes({"min_maturity_level.future_factory": "2"})
    facts = application("future_factory", maturity=maturity(2))
    assert judge(facts).check("maturity_level").result == "fail"
    assert judge(facts, lower).check("maturity_level").result == "pass"
