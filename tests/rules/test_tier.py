"""workshop_count (第六条第3款), scenario_count (第七条第3款) and technical_merit (第X条第3款)."""

from __future__ import annotations

import pytest

from smartmfg.rules import Scenario, judge

from .builders import application, project


@pytest.mark.parametrize(
    ("workshops", "expected"),
    [
        (("冲压车间",), "fail"),
        (("冲压车间", "焊装车间"), "pass"),
        (("冲压车间", " 冲压车间 "), "fail"),
        ((), "fail"),
    ],
)
def test_workshop_count(workshops: tuple[str, ...], expected: str) -> None:
    check = judge(application("smart_factory", project=project(workshops=workshops))).check("workshop_count")
    assert (check.result, check.article) == (expected, "第六条第3款")
    assert "要求的2个" in check.message.render("zh") or expected == "pass"


def test_workshop_message_lists_them() -> None:
    check = judge(application("smart_factory", project=project(workshops=("冲压车间",)))).check("workshop_count")
    assert check.message.render("zh") == "统一管理的数字化车间为1个（冲压车间），少于要求的2个"
    assert (
        check.message.render("en")
        == "1 digital workshop(s) under unified management (冲压车间), fewer than the 2 required"
    )


def scenarios(count: int) -> tuple[Scenario, ...]:
    return tuple(Scenario("green_manufacturing", f"场景{n}") for n in range(count))


@pytest.mark.parametrize(("count", "expected"), [(4, "fail"), (5, "pass"), (9, "pass")])
def test_scenario_count(count: int, expected: str) -> None:
    facts = application("future_factory", project=project(scenarios=scenarios(count)))
    check = judge(facts).check("scenario_count")
    assert (check.result, check.article) == (expected, "第七条第3款")
    assert f"{count}个典型场景" in check.message.render("zh") or f"为{count}个" in check.message.render("zh")
    assert "绿色化制造：场景0" in check.message.render("zh")


def test_a_scenario_title_given_twice_counts_once() -> None:
    twice = (*scenarios(4), Scenario("other", "场景0"))
    assert (
        judge(application("future_factory", project=project(scenarios=twice))).check("scenario_count").result == "fail"
    )


@pytest.mark.parametrize(
    ("tier", "rules_absent"),
    [
        ("digital_workshop", {"workshop_count", "scenario_count"}),
        ("smart_factory", {"scenario_count"}),
        ("future_factory", {"workshop_count"}),
    ],
)
def test_tier_rules_apply_to_their_tier_only(tier: str, rules_absent: set[str]) -> None:
    rules = {check.rule for check in judge(application(tier, project=project(workshops=()))).checks}  # type: ignore[arg-type]
    assert not rules & rules_absent


@pytest.mark.parametrize(
    ("tier", "article", "phrase"),
    [
        ("digital_workshop", "第五条第3款", "用数据连接车间不同单元"),
        ("smart_factory", "第六条第3款", "系统集成"),
        ("future_factory", "第七条第3款", "可输出易复制的行业解决方案"),
    ],
)
def test_technical_merit_is_for_the_experts(tier: str, article: str, phrase: str) -> None:
    check = judge(application(tier)).check("technical_merit")  # type: ignore[arg-type]
    assert (check.result, check.article) == ("manual", article)
    assert phrase in check.message.render("zh")
    assert "for the experts to judge" in check.message.render("en")
