"""operations_finance, no_violations, no_major_incidents (第四条) and not_banned (第十二条)."""

from __future__ import annotations

import datetime as dt

import pytest

from smartmfg.rules import DEFAULT_POLICY, MajorIncident, Revocation, Violation, judge
from smartmfg.rules.checks.conduct import ban_ends_on, ban_in_force
from smartmfg.rules.facts import ManualJudgement

from .builders import application, d


def test_operations_and_finances_are_always_for_a_person() -> None:
    check = judge(application()).check("operations_finance")
    assert (check.result, check.article) == ("manual", "第四条")
    assert "属地工信部门" in check.message.render("zh")
    assert "local bureau" in check.message.render("en")


# Applying on 2026-03-15, "the last 2 years" are 2024-03-15 .. 2026-03-15.
TWO_YEAR_WINDOW = [
    ("2024-03-14", "pass"),
    ("2024-03-15", "fail"),
    ("2025-06-01", "fail"),
    ("2026-03-15", "fail"),
    ("2026-03-16", "pass"),  # after the application date: not "in the last 2 years"
]


@pytest.mark.parametrize(("day", "expected"), TWO_YEAR_WINDOW)
def test_no_violations_window(day: str, expected: str) -> None:
    facts = application(violations=(Violation(d(day), "环保行政处罚"),))
    check = judge(facts).check("no_violations")
    assert (check.result, check.article) == (expected, "第四条")
    assert "2024-03-15至2026-03-15" in check.message.render("zh")
    if expected == "fail":
        assert f"{day} 环保行政处罚" in check.message.render("zh")
        assert check.data["records"] == ((1, d(day), "环保行政处罚"),)


@pytest.mark.parametrize(("day", "expected"), TWO_YEAR_WINDOW)
def test_no_major_incidents_window(day: str, expected: str) -> None:
    facts = application(major_incidents=(MajorIncident(d(day), "safety", "车间火灾"),))
    check = judge(facts).check("no_major_incidents")
    assert check.result == expected
    if expected == "fail":
        assert "（安全问题）车间火灾" in check.message.render("zh")
        assert "(safety) 车间火灾" in check.message.render("en")


@pytest.mark.parametrize(
    ("revoked_on", "applied_on", "expected"),
    [
        ("2023-03-15", "2026-03-15", "fail"),  # the same calendar day three years on still bans
        ("2023-03-14", "2026-03-15", "pass"),
        ("2023-03-16", "2026-03-15", "fail"),
        ("2026-03-15", "2026-03-15", "fail"),
        ("2024-02-29", "2027-02-28", "fail"),  # 29 February counts back to 28 February
        ("2024-02-29", "2027-03-01", "pass"),
    ],
)
def test_not_banned_window(revoked_on: str, applied_on: str, expected: str) -> None:
    facts = application(applied_on=d(applied_on), revocations=(Revocation(d(revoked_on), "申报材料弄虚作假"),))
    check = judge(facts).check("not_banned")
    assert (check.result, check.article) == (expected, "第十二条")
    if expected == "fail":
        assert "因弄虚作假被撤销认定（申报材料弄虚作假）" in check.message.render("zh")
        assert "within 3 years" in check.message.render("en")


def test_windows_on_29_february() -> None:
    # Applying on 2028-02-29: the last 2 years start on 2026-02-28.
    inside = application(applied_on=d("2028-02-29"), violations=(Violation(d("2026-02-28"), "x"),))
    outside = application(applied_on=d("2028-02-29"), violations=(Violation(d("2026-02-27"), "x"),))
    assert judge(inside).check("no_violations").result == "fail"
    assert judge(outside).check("no_violations").result == "pass"


def test_window_lengths_come_from_the_policy() -> None:
    facts = application(violations=(Violation(d("2023-06-01"), "x"),))
    assert judge(facts).check("no_violations").result == "pass"
    longer = DEFAULT_POLICY.with_changes({"violation_window_years": "3"})
    assert judge(facts, longer).check("no_violations").result == "fail"


def test_only_records_inside_the_window_are_listed() -> None:
    facts = application(violations=(Violation(d("2020-01-01"), "旧事"), Violation(d("2025-01-01"), "新事")))
    check = judge(facts).check("no_violations")
    assert check.data["count"] == 1
    assert "新事" in check.message.render("zh")
    assert "旧事" not in check.message.render("zh")


# ---------------------------------------------- judged later, judged by a person


def test_records_dated_after_the_application_count_when_judged_later() -> None:
    """At a later step the windows still start from the application date, and reach the day of judging."""
    after = (Violation(d("2026-05-01"), "申报后的处罚"),)
    assert judge(application(violations=after)).check("no_violations").result == "pass"
    later = application(violations=after, judged_on=d("2026-06-01"))
    check = judge(later).check("no_violations")
    assert check.result == "fail"
    assert "2024-03-15至2026-06-01" in check.message.render("zh")
    assert judge(application(violations=after, judged_on=d("2026-04-30"))).check("no_violations").result == "pass"


def test_the_bureaus_judgement_decides_operations_and_finances() -> None:
    passed = application(judgements=(ManualJudgement("operations_finance", "pass", "经营正常"),))
    check = judge(passed).check("operations_finance")
    assert check.result == "pass" and "经营正常" in check.message.render("zh")
    failed = application(judgements=(ManualJudgement("operations_finance", "fail", "连续亏损"),))
    verdict = judge(failed)
    assert verdict.check("operations_finance").result == "fail" and verdict.eligible is False
    assert "不符合要求（连续亏损）" in verdict.check("operations_finance").message.render("zh")


def test_the_experts_judgement_decides_technical_merit() -> None:
    facts = application(tier="smart_factory", judgements=(ManualJudgement("technical_merit", "pass", "集成度高"),))
    check = judge(facts).check("technical_merit")
    assert (check.result, check.article) == ("pass", "第六条第3款")
    assert check.message.render("zh") == "专家评审认为符合智能工厂的技术要求：集成度高"


# --------------------------------------------------------- the ban's last day


def test_a_refused_ban_says_until_which_day() -> None:
    facts = application(applied_on=d("2026-03-16"), revocations=(Revocation(d("2026-03-16"), "伪造发票"),))
    check = judge(facts).check("not_banned")
    assert check.result == "fail"
    assert "至2029年3月16日（含）不受理" in check.message.render("zh")
    assert "until 16 March 2029 inclusive" in check.message.render("en")


@pytest.mark.parametrize(
    ("revoked_on", "last_day"),
    [
        ("2026-03-16", "2029-03-16"),
        ("2024-02-29", "2027-02-28"),  # no 29 February in 2027
        ("2025-02-28", "2028-02-29"),  # the leap day's window still reaches back to 28 February
    ],
)
def test_the_ban_ends_on_the_last_day_the_window_reaches_back(revoked_on: str, last_day: str) -> None:
    assert ban_ends_on(d(revoked_on), 3) == d(last_day)
    revocation = (Revocation(d(revoked_on), "x"),)
    on_last = application(applied_on=d(last_day), revocations=revocation)
    after = application(applied_on=d(last_day) + dt.timedelta(days=1), revocations=revocation)
    assert judge(on_last).check("not_banned").result == "fail"
    assert judge(after).check("not_banned").result == "pass"


def test_the_ban_in_force_on_a_day() -> None:
    revocations = (Revocation(d("2026-03-16"), "伪造发票"),)
    assert ban_in_force(revocations, d("2026-03-15"), DEFAULT_POLICY) is None  # before the revocation
    on_last = ban_in_force(revocations, d("2029-03-16"), DEFAULT_POLICY)
    assert on_last is not None
    assert on_last.render("zh") == (
        "根据第十二条，本企业于2026年3月16日因弄虚作假被撤销认定，3年内不再受理其认定申请：至2029年3月16日（含）不受理"
    )
    assert ban_in_force(revocations, d("2029-03-17"), DEFAULT_POLICY) is None
