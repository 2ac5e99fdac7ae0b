"""Scoring sheets and one expert's scores (第九条): the default sheets, a sheet's checks, the scores' checks."""

from __future__ import annotations

import copy
import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from smartmfg.rules.articles import TIER_ARTICLE
from smartmfg.rules.experts.scoring import (
    Criterion,
    InvalidSheet,
    Sheet,
    Veto,
    default_sheet,
    default_sheets,
    format_points,
    read_scores,
    total,
)
from smartmfg.rules.facts import TIERS, Tier

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "smartmfg" / "rules" / "experts" / "data" / "scoring_sheets.json"


def criterion(key: str, title: str, title_en: str, points: str, *, required: bool = False) -> Criterion:
    return Criterion(key, title, title_en, Decimal(points), "", required, "第六条第3款")


SHEET = Sheet(
    (
        criterion("integration", "系统集成", "system integration", "15", required=True),
        criterion("data", "数据互通", "data interoperability", "7.5"),
        criterion("rest", "其他", "the rest", "77.5"),
    ),
    (Veto("untrue_materials", "申报材料存在弄虚作假", "materials found untrue"),),
)


# The default sheets ------------------------------------------------------------------


@pytest.mark.parametrize("tier", TIERS)
def test_each_default_sheet_loads_and_totals_100(tier: Tier) -> None:
    sheet = default_sheet(tier)
    assert sheet.total_points == Decimal(100)
    assert all(c.article.startswith(TIER_ARTICLE[tier]) for c in sheet.criteria)
    assert all(c.title and c.title_en and c.guidance for c in sheet.criteria)
    assert any(c.comment_required for c in sheet.criteria)
    assert sheet.vetoes[0] == Veto(
        "untrue_materials", "申报材料存在弄虚作假", "the application's materials are found untrue"
    )
    assert Sheet.from_json(json.loads(json.dumps(sheet.to_json()))) == sheet


def test_the_smart_factory_sheet_follows_its_article() -> None:
    """第六条第3款's means, the two or more workshops, the maturity of 第2款, the investment of 第1款."""
    sheet = default_sheet("smart_factory")
    assert [(c.key, format_points(c.points), c.article) for c in sheet.criteria] == [
        ("system_integration", "15", "第六条第3款"),
        ("data_interoperability", "15", "第六条第3款"),
        ("human_machine_interaction", "10", "第六条第3款"),
        ("flexible_manufacturing", "10", "第六条第3款"),
        ("analysis_optimisation", "15", "第六条第3款"),
        ("workshop_coordination", "15", "第六条第3款"),
        ("maturity", "10", "第六条第2款"),
        ("investment_results", "10", "第六条第1款"),
    ]
    assert sheet.criterion("system_integration").title == "系统集成"


def test_the_sheets_come_from_the_data_file_shipped_in_the_wheel() -> None:
    data = json.loads(DATA.read_text("utf-8"))
    assert sorted(data) == sorted(TIERS)
    assert {tier: sheet.to_json() for tier, sheet in default_sheets().items()} == data
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["*"]
    assert "data/*.json" in package_data


# A sheet's checks ---------------------------------------------------------------------


def sheet_json(**changes: object) -> dict[str, object]:
    """The test sheet as JSON, with ``changes`` given as ``"criteria.1.points": value`` (None deletes)."""
    obj = copy.deepcopy(SHEET.to_json())
    for path, value in changes.items():
        *parents, last = path.split(".")
        target: object = obj
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]  # type: ignore[index]
        key = int(last) if isinstance(target, list) else last
        if value is None:
            del target[key]  # type: ignore[attr-defined]
        else:
            target[key] = value  # type: ignore[index]
    return obj


def sheet_problems(obj: object) -> list[str]:
    with pytest.raises(InvalidSheet) as raised:
        Sheet.from_json(obj)
    return [p.render("en") for p in raised.value.problems]


def test_the_json_form_writes_half_points_as_strings() -> None:
    assert [c["points"] for c in SHEET.to_json()["criteria"]] == ["15", "7.5", "77.5"]
    assert Sheet.from_json(SHEET.to_json()) == SHEET
    assert Sheet.from_json(sheet_json(**{"criteria.0.points": 15})) == SHEET  # a whole number is fine
    without = sheet_json(**{"criteria.1.guidance": None, "criteria.1.comment_required": None, "vetoes": None})
    assert Sheet.from_json(without).criteria[1].comment_required is False


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"criteria": []}, "criteria: a sheet needs at least one criterion"),
        ({"criteria.2.points": "77.25"}, "criteria[2].points: points must be whole or half points"),
        ({"criteria.1.points": "0"}, "criteria[1].points: points must be more than 0"),
        ({"criteria.1.points": "-7.5"}, "criteria[1].points: points must be more than 0"),
        ({"criteria.1.points": 7.5}, "criteria[1].points: points must be text such as '15' or '7.5'"),
        ({"criteria.1.points": "七点五"}, "criteria[1].points: points must be text"),
        ({"criteria.2.points": "72.5"}, "criteria: the criteria's points must total 100, not 95"),
        ({"criteria.2.key": "integration"}, "criteria[2].key: 'integration' is already criteria[0].key"),
        ({"criteria.1.key": "Data"}, "criteria[1].key: must be a lower-case ascii identifier"),
        ({"criteria.1.key": "数据"}, "criteria[1].key: must be a lower-case ascii identifier"),
        ({"criteria.2.title": "系统集成"}, "criteria[2].title: '系统集成' is already criteria[0].title"),
        (
            {"criteria.2.title_en": "data interoperability"},
            "criteria[2].title_en: 'data interoperability' is already criteria[1].title_en",
        ),
        ({"criteria.1.title": "  "}, "criteria[1].title: must be non-empty text"),
        ({"criteria.1.article": ""}, "criteria[1].article: must be non-empty text"),
        ({"criteria.1.comment_required": "yes"}, "criteria[1].comment_required: must be true or false"),
        ({"criteria.1.weight": 1}, "criteria[1].weight: is not a field of this format"),
        ({"criteria.1.points": None}, "criteria[1].points: is missing"),
        (
            {"vetoes": [{"key": "v", "title": "甲", "title_en": "a"}, {"key": "v", "title": "乙", "title_en": "b"}]},
            "vetoes[1].key: 'v' is already vetoes[0].key",
        ),
        ({"criteria": "all"}, "criteria: must be an array"),
    ],
)
def test_a_bad_sheet_is_refused_naming_the_path(changes: dict[str, object], expected: str) -> None:
    found = sheet_problems(sheet_json(**changes))
    assert any(p.startswith(expected) for p in found), found


def test_a_sheet_built_by_hand_is_checked_too() -> None:
    with pytest.raises(InvalidSheet, match=r"criteria\[0\]\.points"):
        Sheet((criterion("all", "全部", "all", "100.25"),))
    assert Sheet((criterion("all", "全部", "all", "100"),)).total_points == Decimal(100)


def test_the_chinese_message_names_the_path_too() -> None:
    with pytest.raises(InvalidSheet) as raised:
        Sheet.from_json(sheet_json(**{"criteria.2.points": "72.5"}))
    assert raised.value.render("zh") == "criteria: 评分表各项分值合计应为100分，实际为95分"


# One expert's scores ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "zh", "en"),
    [
        ("16", "“系统集成”的得分不能超过15分，实际为16", "the score of 'system integration'"),
        ("15.5", "“系统集成”的得分不能超过15分", "cannot be more than 15 points"),
        ("-1", "“系统集成”的得分不能为负数，实际为-1", "cannot be negative"),
        ("7.25", "“系统集成”的得分应为整分或半分（如7或7.5），实际为7.25", "whole or half point"),
        ("abc", "“系统集成”的得分应为数字，实际为“abc”", "must be a number, not 'abc'"),
        ("7,5", "“系统集成”的得分应为数字", "must be a number"),
        ("1e1", "“系统集成”的得分应为数字", "must be a number"),
        ("NaN", "“系统集成”的得分应为数字", "must be a number"),
    ],
)
def test_a_wrong_score_is_refused_naming_the_criterion_and_its_points(given: str, zh: str, en: str) -> None:
    reading = read_scores(SHEET, {"integration": given}, {}, complete=False)
    assert list(reading.errors) == ["integration"] and reading.scores == {}
    message = reading.errors["integration"]
    assert zh in message.render("zh") and en in message.render("en")


@pytest.mark.parametrize(
    ("given", "value"),
    [
        ("7.5", Decimal("7.5")),
        ("15", Decimal(15)),
        ("0", Decimal(0)),
        (" 7.5 ", Decimal("7.5")),
        (".5", Decimal("0.5")),
    ],
)
def test_whole_and_half_points_are_accepted(given: str, value: Decimal) -> None:
    reading = read_scores(SHEET, {"integration": given}, {}, complete=False)
    assert reading.ok and reading.scores == {"integration": value}


def test_a_draft_may_leave_blanks_but_submitting_needs_every_score_and_the_required_comments() -> None:
    scores = {"integration": "12", "data": "", "rest": "70.5"}
    draft = read_scores(SHEET, scores, {}, complete=False)
    assert draft.ok and draft.scores == {"integration": Decimal(12), "rest": Decimal("70.5")}
    assert total(SHEET, draft.scores) == Decimal("82.5")
    submitted = read_scores(SHEET, scores, {"integration": "   "}, complete=True)
    assert {key: text.render("zh") for key, text in submitted.errors.items()} == {
        "integration": "请填写“系统集成”的评分意见（此项须说明评分理由）",
        "data": "请为“数据互通”评分（满分7.5分）",
    }
    assert submitted.errors["data"].render("en") == "'data interoperability' is not scored yet (out of 7.5 points)"
    done = read_scores(SHEET, {**scores, "data": "7"}, {"integration": " 接口已统一 "}, complete=True)
    assert done.ok and done.comments == {"integration": "接口已统一"}
    assert total(SHEET, done.scores) == Decimal("89.5")


def test_a_key_not_on_the_sheet_is_an_error_under_that_key() -> None:
    reading = read_scores(SHEET, {"integration": "1", "bonus": "5"}, {"other": "…"}, complete=False)
    assert reading.errors["bonus"].render("en") == "the sheet has no criterion 'bonus'"
    assert set(reading.errors) == {"bonus", "other"} and reading.scores == {"integration": Decimal(1)}
