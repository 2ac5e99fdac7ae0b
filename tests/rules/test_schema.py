"""The import format: what it accepts, and every error with its exact path in both languages."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest

from smartmfg.rules import (
    FieldError,
    InvalidApplication,
    facts_to_dict,
    load_documents,
    parse_application,
    parse_documents,
)

from .builders import application, credit, document, item, maturity, under_construction

EXAMPLE = """{
  "tier": "smart_factory",
  "applied_on": "2026-03-16",
  "enterprise": {"name": "长春示范汽车零部件有限公司", "uscc": " 91220102123456788j ",
                 "legal_status": "independent", "pays_tax_in_province": true, "region_code": "220102"},
  "credit_check": {"rating": "good", "on_abnormal_list": false,
                   "on_serious_dishonesty_list": false, "checked_on": "2026-03-01"},
  "violations": [{"date": "2025-06-01", "description": "环保行政处罚"}],
  "major_incidents": [{"date": "2025-08-01", "kind": "safety", "description": "车间火灾"}],
  "revocations": [{"date": "2023-06-01", "reason": "材料造假"}],
  "project": {"name": "智能工厂项目", "region_code": "220102", "status": "in_production",
              "production_started_on": "2025-06-01", "expected_completion_on": "2025-11-30",
              "workshops": [{"name": "冲压车间"}],
              "scenarios": [{"area": "intelligent_production", "title": "排产"}]},
  "investments": [{"date": "2024-05-10", "category": "equipment", "amount": "12000000.00",
                   "status": "completed", "invoice_no": "INV-1"},
                  {"date": "2024-06-10", "category": "software", "amount": 3000000, "status": "completed",
                   "invoice_no": "INV-2"}],
  "maturity": {"level": 2, "score": 2.4, "assessed_on": "2026-01-10", "report_no": "C3M-2026-0001"}
}"""


def test_the_documented_example_parses() -> None:
    [facts] = parse_documents(EXAMPLE)
    assert facts.tier == "smart_factory"
    assert facts.enterprise.uscc == "91220102123456788J"  # stripped and capitalised
    assert facts.investments[0].amount == Decimal("12000000.00")
    assert facts.investments[1].amount == Decimal("3000000")
    assert facts.maturity is not None and facts.maturity.score == Decimal("2.4")
    assert facts.project.workshops == ("冲压车间",)
    assert facts.violations[0].description == "环保行政处罚"


def test_optional_parts_may_be_absent() -> None:
    minimal = json.loads(EXAMPLE)
    for key in ("credit_check", "maturity", "violations", "major_incidents", "revocations", "investments"):
        del minimal[key]
    for key in ("production_started_on", "expected_completion_on", "workshops", "scenarios"):
        del minimal["project"][key]
    facts = parse_application(minimal)
    assert facts.credit_check is None and facts.maturity is None
    assert facts.investments == () and facts.project.workshops == ()


@pytest.mark.parametrize(
    "facts",
    [
        application(),
        application("future_factory", credit_check=None, maturity=None),
        application(
            project=under_construction("2025-11-30"),
            investments=(item("1.5", status="planned", invoice_no=""),),
        ),
        application(credit_check=credit(on_abnormal_list=True), maturity=maturity(2, score=None, report_no=None)),
    ],
)
def test_facts_to_dict_round_trips(facts: Any) -> None:
    exported = facts_to_dict(facts)
    assert parse_application(json.loads(json.dumps(exported))) == facts


def test_load_documents_takes_an_object_or_an_array() -> None:
    single = json.dumps(document())
    assert len(load_documents(single)) == 1
    assert len(load_documents(f"[{single}, {single}]")) == 2
    assert isinstance(load_documents('{"amount": 1.5}')[0]["amount"], Decimal)


def errors(doc: Any) -> list[FieldError]:
    with pytest.raises(InvalidApplication) as raised:
        parse_application(doc)
    return raised.value.errors


def changed(path: str, value: Any) -> dict[str, Any]:
    """The good document with one value set (``value`` None with ``...`` deletes)."""
    doc = copy.deepcopy(document("smart_factory", project=under_construction("2025-11-30")))
    doc["investments"] = [facts_to_dict(application())["investments"][0] for _ in range(2)]
    doc["project"]["scenarios"] = [{"area": "intelligent_production", "title": "排产"}]
    *parents, last = path.replace("]", "").replace("[", ".").split(".")
    target: Any = doc
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    key: Any = int(last) if last.isdigit() else last
    if value is ...:
        del target[key]
    else:
        target[key] = value
    return doc


CASES = [
    # (path, value, expected path, zh fragment, en fragment)
    (
        "investments[1].amount",
        Decimal("12000000.5"),
        "investments[1].amount",
        "不能写成带小数点的数字",
        "never a number with a decimal point",
    ),
    ("investments[1].amount", 12000000.5, "investments[1].amount", '"12000000.50"', '"12000000.50"'),
    (
        "investments[1].amount",
        "12000000.005",
        "investments[1].amount",
        "最多两位小数",
        "at most two decimals",
    ),
    ("investments[1].amount", "-5", "investments[1].amount", "不能为负数", "cannot be negative"),
    ("investments[1].amount", -5, "investments[1].amount", "不能为负数", "cannot be negative"),
    ("investments[1].amount", "1,000", "investments[1].amount", "数字字符串", "decimal string"),
    ("investments[1].amount", True, "investments[1].amount", "数字字符串", "decimal string"),
    ("investments[0].date", "2024-02-30", "investments[0].date", "不是有效的日期", "not a valid date"),
    ("investments[0].date", "2024/05/10", "investments[0].date", "YYYY-MM-DD", "YYYY-MM-DD"),
    ("investments[0].date", "20240510", "investments[0].date", "YYYY-MM-DD", "YYYY-MM-DD"),
    ("applied_on", "2026-03-16T10:00:00", "applied_on", "YYYY-MM-DD", "YYYY-MM-DD"),
    ("project.region_code", "22010", "project.region_code", "6位数字", "six digits"),
    ("project.region_code", "990102", "project.region_code", "省级行政区划代码", "province"),
    (
        "project.region_code",
        "229999",
        "project.region_code",
        "吉林省现行的行政区划代码",
        "current division code of Jilin",
    ),
    ("enterprise.region_code", 220102, "enterprise.region_code", "6位数字", "six digits"),
    ("enterprise.uscc", "91220102123456788K", "enterprise.uscc", "第18位（校验码）应为“J”", "character 18"),
    ("enterprise.uscc", "9122010212345678", "enterprise.uscc", "应为18位", "18 characters"),
    (
        "enterprise.nickname",
        "x",
        "enterprise.nickname",
        "导入格式中没有“nickname”这个字段",
        "'nickname' is not a field",
    ),
    ("colour", "red", "colour", "没有“colour”这个字段", "not a field"),
    ("investments[0].vat", "13%", "investments[0].vat", "没有“vat”这个字段", "not a field"),
    ("enterprise.name", ..., "enterprise.name", "缺少必填字段", "required"),
    ("tier", ..., "tier", "缺少必填字段", "required"),
    ("investments[1].category", ..., "investments[1].category", "缺少必填字段", "required"),
    ("project", ..., "project", "缺少必填字段", "required"),
    ("enterprise.name", "  ", "enterprise.name", "不能为空", "must not be empty"),
    ("tier", "national_factory", "tier", "不是允许的取值", "is not allowed"),
    (
        "project.scenarios[0].area",
        "metaverse",
        "project.scenarios[0].area",
        "smart_supply_chain（智慧供应链）",
        "smart_supply_chain",
    ),
    ("investments[0].category", "land", "investments[0].category", "civil_works（土建）", "plant_building"),
    ("credit_check.rating", "AAA", "credit_check.rating", "qualified（合格）", "unqualified"),
    (
        "credit_check.on_abnormal_list",
        "no",
        "credit_check.on_abnormal_list",
        "应为 true 或 false",
        "true or false",
    ),
    ("maturity.level", 6, "maturity.level", "1至5的整数", "from 1 to 5"),
    ("maturity.level", "2", "maturity.level", "1至5的整数", "from 1 to 5"),
    ("maturity.score", "high", "maturity.score", "应为数字", "must be a number"),
    ("maturity.score", 7, "maturity.score", "0至5之间", "between 0 and 5"),
    ("investments", {"date": "x"}, "investments", "应为列表", "must be a list"),
    ("enterprise", "长春", "enterprise", "应为对象", "must be an object"),
    ("project.workshops[0]", "冲压车间", "project.workshops[0]", "应为对象", "must be an object"),
    ("enterprise.name", 42, "enterprise.name", "应为文本", "must be text"),
]


@pytest.mark.parametrize(("path", "value", "where", "zh", "en"), CASES, ids=[f"{c[0]}={c[1]!r}" for c in CASES])
def test_errors_have_exact_paths_in_both_languages(path: str, value: Any, where: str, zh: str, en: str) -> None:
    found = errors(changed(path, value))
    assert [e.path for e in found] == [where]
    assert zh in found[0].message.render("zh")
    assert en in found[0].message.render("en")
    # Never the validation library's own English.
    assert "Input should" not in found[0].message.render("zh") + found[0].message.render("en")


def test_all_errors_are_reported_together() -> None:
    doc = changed("investments[1].amount", "1.001")
    doc["enterprise"]["uscc"] = "bad"
    doc["maturity"]["level"] = 0
    assert [e.path for e in errors(doc)] == ["enterprise.uscc", "investments[1].amount", "maturity.level"]


def test_a_float_amount_from_a_json_file() -> None:
    text = json.dumps(document()).replace('"20000000.00"', "12000000.5")
    with pytest.raises(InvalidApplication) as raised:
        parse_documents(text)
    [error] = raised.value.errors
    assert error.path == "investments[0].amount"
    assert "12000000.5" in error.render("zh")


def test_array_errors_carry_the_document_index() -> None:
    good = document()
    bad = changed("investments[1].amount", "-1")
    with pytest.raises(InvalidApplication) as raised:
        parse_documents(json.dumps([good, bad]))
    assert [e.path for e in raised.value.errors] == ["[1].investments[1].amount"]
    assert raised.value.to_list("en")[0]["path"] == "[1].investments[1].amount"


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ('{"tier": ', "不是有效的JSON（第1行第10列附近）", "not valid JSON"),
        ('{"amount": NaN}', "JSON中不能出现NaN", "NaN is not allowed"),
        ("42", "一个申报对象或由申报对象组成的数组", "one application object or an array"),
        ("[1, 2]", "一个申报对象或由申报对象组成的数组", "one application object or an array"),
    ],
)
def test_document_level_errors(text: str, zh: str, en: str) -> None:
    with pytest.raises(InvalidApplication) as raised:
        load_documents(text)
    [error] = raised.value.errors
    assert error.path == ""
    assert zh in error.message.render("zh") and en in error.message.render("en")


def test_not_an_object() -> None:
    [error] = errors(["not", "an", "object"])
    assert (error.path, error.message.render("en")) == ("", "must be an object ({…})")


def test_lists_may_be_null() -> None:
    doc = document()
    doc["violations"] = None
    assert parse_application(doc).violations == ()
