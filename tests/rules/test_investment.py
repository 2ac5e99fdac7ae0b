"""construction_status and investment_threshold (第五条/第六条/第七条第1款)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from smartmfg.rules import DEFAULT_POLICY, judge

from .builders import application, d, item, project, under_construction

ARTICLE = {"digital_workshop": "第五条第1款", "smart_factory": "第六条第1款", "future_factory": "第七条第1款"}


# Thresholds, to the fen -------------------------------------------------------


@pytest.mark.parametrize(
    ("tier", "amount", "expected"),
    [
        ("digital_workshop", "19999999.99", "fail"),
        ("digital_workshop", "20000000.00", "pass"),
        ("digital_workshop", "20000000.01", "pass"),
        ("smart_factory", "39999999.99", "fail"),
        ("smart_factory", "40000000.00", "pass"),
        ("future_factory", "79999999.99", "fail"),
        ("future_factory", "80000000.00", "pass"),
    ],
)
def test_threshold_to_the_fen(tier: str, amount: str, expected: str) -> None:
    verdict = judge(application(tier, investments=(item(amount),)))  # type: ignore[arg-type]
    check = verdict.check("investment_threshold")
    assert (check.result, check.article) == (expected, ARTICLE[tier])
    assert verdict.eligible_investment == Decimal(amount)


def test_amounts_add_up_across_items() -> None:
    items = (
        item("12000000.00"),
        item("7999999.99", category="software"),
        item("0.01", category="consulting_services"),
    )
    verdict = judge(application(investments=items))
    assert verdict.check("investment_threshold").result == "pass"
    assert verdict.to_dict()["eligible_investment"] == "20000000.00"


# The window: applying on 2026-03-15, the last 3 years are 2023-03-15 .. 2026-03-15 ----------------


@pytest.mark.parametrize(
    ("day", "counts"),
    [("2023-03-14", False), ("2023-03-15", True), ("2026-03-15", True), ("2026-03-16", False)],
)
def test_completed_investment_counts_inside_the_window(day: str, counts: bool) -> None:
    verdict = judge(application(investments=(item("20000000.00", date=day),)))
    assert (verdict.check("investment_threshold").result == "pass") is counts
    if not counts:
        message = verdict.check("investment_threshold").message.render("zh")
        assert f"第1项（发票号INV-1，2,000.00万元）日期{day}不在2023-03-15至2026-03-15内" in message


def test_window_on_29_february() -> None:
    # Applying on 2028-02-29: the last 3 years start on 2025-02-28.
    for day, counts in (("2025-02-28", True), ("2025-02-27", False)):
        facts = application(applied_on=d("2028-02-29"), investments=(item("20000000", date=day),))
        assert (judge(facts).check("investment_threshold").result == "pass") is counts


@pytest.mark.parametrize("category", ["civil_works", "plant_building"])
def test_civil_works_and_plant_buildings_never_count(category: str) -> None:
    facts = application(investments=(item("20000000"), item("99000000", category=category, invoice_no="INV-9")))
    check = judge(facts).check("investment_threshold")
    assert check.data["eligible_investment"] == Decimal("20000000.00")
    label = {"civil_works": "土建", "plant_building": "厂房"}[category]
    assert f"第2项（发票号INV-9，9,900.00万元）{label}不计入软硬件投资" in check.message.render("zh")


def test_the_counted_categories_come_from_the_policy() -> None:
    facts = application(investments=(item("20000000", category="civil_works"),))
    assert judge(facts).check("investment_threshold").result == "fail"
    wider = DEFAULT_POLICY.with_changes(
        {"eligible_investment_categories": "equipment,software,consulting_services,civil_works"}
    )
    assert judge(facts, wider).check("investment_threshold").result == "pass"


# Tracks -----------------------------------------------------------------------------


def test_recognition_track_counts_completed_investment_only() -> None:
    facts = application(investments=(item("19000000"), item("5000000", date="2026-01-10", status="planned")))
    verdict = judge(facts)
    assert verdict.track == "recognition"
    check = verdict.check("investment_threshold")
    assert check.result == "fail"
    assert verdict.eligible_investment == Decimal("19000000.00")
    zh = check.message.render("zh")
    assert "按认定通道（已建成投产，只计已完成投资）" in zh
    assert "第2项（发票号INV-1，500.00万元）计划投资，已建成投产项目只计已完成投资" in zh


def test_cultivation_counts_planned_investment_due_by_expected_completion() -> None:
    items = (
        item("10000000"),
        item("10000000", date="2025-11-30", status="planned", invoice_no=""),  # due on the day: counts
        item("3000000", date="2025-12-01", status="planned", invoice_no=""),  # after: left out
    )
    verdict = judge(application(project=under_construction("2025-11-30"), investments=items))
    assert verdict.track == "cultivation"
    check = verdict.check("investment_threshold")
    assert check.result == "pass"
    assert verdict.eligible_investment == Decimal("20000000.00")
    assert "第3项（300.00万元）计划于2025-12-01完成，晚于预计建成投产日期2025-11-30" in check.message.render("zh")
    assert "item 3 (3,000,000.00 yuan): planned for 2025-12-01, after the expected completion date 2025-11-30" in (
        check.message.render("en")
    )


def test_planned_investment_before_the_window_does_not_count() -> None:
    facts = application(
        project=under_construction("2025-11-30"),
        investments=(item("20000000", date="2023-03-14", status="planned"),),
    )
    check = judge(facts).check("investment_threshold")
    assert check.result == "fail"
    assert check.data["left_out"][0][1] == "planned_before_window"


@pytest.mark.parametrize(
    ("expected_on", "result", "track"),
    [
        ("2025-12-30", "pass", "cultivation"),
        ("2025-12-31", "pass", "cultivation"),
        ("2026-01-01", "fail", None),
    ],
)
def test_cultivation_deadline(expected_on: str, result: str, track: str | None) -> None:
    verdict = judge(application("smart_factory", project=under_construction(expected_on)))
    check = verdict.check("construction_status")
    assert (check.result, check.article, verdict.track) == (result, "第六条第1款", track)
    assert "2025-12-31" in check.message.render("zh")


def test_past_the_deadline_the_threshold_is_still_judged_as_under_construction() -> None:
    items = (item("10000000"), item("10000000", date="2026-05-01", status="planned"))
    verdict = judge(application(project=under_construction("2026-06-30"), investments=items))
    assert verdict.track is None
    assert verdict.check("construction_status").result == "fail"
    threshold = verdict.check("investment_threshold")
    assert threshold.result == "pass"
    assert verdict.eligible_investment == Decimal("20000000.00")
    assert "按在建项目口径" in threshold.message.render("zh")
    assert "晚于2025-12-31的期限，不能纳入培育阶段" in verdict.check("construction_status").message.render("zh")


def test_the_deadline_comes_from_the_policy() -> None:
    facts = application(project=under_construction("2026-06-30"))
    later = DEFAULT_POLICY.with_changes({"cultivation_deadline": "2026-12-31"})
    assert judge(facts).track is None
    assert judge(facts, later).track == "cultivation"


def test_under_construction_without_an_expected_date() -> None:
    facts = application(project=under_construction(None), investments=(item("20000000"), item("1", status="planned")))
    verdict = judge(facts)
    assert (verdict.check("construction_status").result, verdict.track) == ("fail", None)
    assert "没有预计建成投产日期" in verdict.check("construction_status").message.render("zh")
    assert verdict.check("investment_threshold").data["left_out"][0][1] == "planned_no_expected"


@pytest.mark.parametrize(
    ("started", "result", "phrase"),
    [
        ("2026-03-15", "pass", "按认定通道评审"),  # in production on the application date itself
        ("2026-03-16", "fail", "晚于申报日期2026-03-15"),
        (None, "fail", "没有投产日期"),
    ],
)
def test_in_production_needs_a_start_by_the_application_date(started: str | None, result: str, phrase: str) -> None:
    facts = application(project=project(production_started_on=d(started) if started else None))
    verdict = judge(facts)
    check = verdict.check("construction_status")
    assert check.result == result
    assert phrase in check.message.render("zh")
    assert verdict.track == ("recognition" if result == "pass" else None)


def test_a_failed_in_production_status_still_counts_completed_investment_only() -> None:
    facts = application(
        project=project(production_started_on=None),
        investments=(item("20000000"), item("5000000", status="planned")),
    )
    verdict = judge(facts)
    assert verdict.check("investment_threshold").result == "pass"
    assert verdict.eligible_investment == Decimal("20000000.00")
    assert "按已建成投产项目口径" in verdict.check("investment_threshold").message.render("zh")


# Messages ---------------------------------------------------------------------------


def test_investment_message_gives_the_figures() -> None:
    facts = application(investments=(item("19999900.00"), item("500000", category="civil_works", invoice_no="TJ-7")))
    check = judge(facts).check("investment_threshold")
    zh, en = check.message.render("zh"), check.message.render("en")
    assert "近3年（2023-03-15至2026-03-15）可计入的项目软硬件投资为1,999.99万元" in zh
    assert "低于数字化车间（生产线）要求的2,000万元，还差0.01万元" in zh
    assert "未计入：第2项（发票号TJ-7，50.00万元）土建不计入软硬件投资" in zh
    assert "19,999,900.00 yuan, below the 20,000,000 yuan required of a digital workshop" in en
    assert "short by 100.00 yuan" in en
    assert "item 2 (invoice TJ-7, 500,000.00 yuan): the category 'civil works' does not count" in en


def test_a_pass_message_names_the_minimum_and_nothing_left_out() -> None:
    check = judge(application("smart_factory", investments=(item("40000000"),))).check("investment_threshold")
    assert check.message.render("zh").endswith("不低于智能工厂要求的4,000万元。")
    assert "Left out" not in check.message.render("en")
