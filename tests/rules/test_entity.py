"""legal_entity and project_in_province (第四条)."""

from __future__ import annotations

import pytest

from smartmfg.rules import DEFAULT_POLICY, judge

from .builders import application, enterprise, project


@pytest.mark.parametrize(
    ("legal_status", "pays_tax", "expected", "zh"),
    [
        ("independent", True, "pass", "独立法人"),
        ("independent", False, "pass", "独立法人"),
        ("branch", True, "pass", "在我省依法纳税的非独立法人机构"),
        ("branch", False, "fail", "未在我省依法纳税"),
    ],
)
def test_legal_entity(legal_status: str, pays_tax: bool, expected: str, zh: str) -> None:
    facts = application(enterprise=enterprise(legal_status=legal_status, pays_tax_in_province=pays_tax))
    check = judge(facts).check("legal_entity")
    assert (check.result, check.article) == (expected, "第四条")
    assert zh in check.message.render("zh")


def test_an_invalid_credit_code_does_not_show_registration() -> None:
    check = judge(application(enterprise=enterprise(uscc="91220102123456788K"))).check("legal_entity")
    assert check.result == "fail"
    assert "第18位（校验码）应为“J”" in check.message.render("zh")
    assert "registration cannot be confirmed" in check.message.render("en")


@pytest.mark.parametrize(
    ("region", "expected"),
    [("220102", "pass"), ("222401", "pass"), ("220581", "pass"), ("210102", "fail"), ("110105", "fail")],
)
def test_project_in_province(region: str, expected: str) -> None:
    check = judge(application(project=project(region_code=region))).check("project_in_province")
    assert check.result == expected
    assert region in check.message.render("zh") or expected == "pass"


def test_project_message_names_the_place() -> None:
    check = judge(application()).check("project_in_province")
    assert "长春市南关区（220102）" in check.message.render("zh")
    assert "220102" in check.message.render("en")


def test_the_province_comes_from_the_policy() -> None:
    liaoning = DEFAULT_POLICY.with_changes({"province_code": "21"})
    facts = application(project=project(region_code="210102"))
    assert judge(facts, liaoning).check("project_in_province").result == "pass"
    assert judge(application(), liaoning).check("project_in_province").result == "fail"
