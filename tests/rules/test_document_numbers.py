"""Document numbers as GB/T 9704-2012 §7.2.4 writes them."""

from __future__ import annotations

import pytest

from smartmfg.rules.document_numbers import check, parse, suggest


@pytest.mark.parametrize("number", ["吉工信规划〔2026〕100号", "长工信推〔2026〕3号", "吉工信〔2026〕1号"])
def test_the_standard_form_passes(number: str) -> None:
    assert check(number, 2026) is None
    assert str(parse(number)) == number


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [
        ("吉工信规划[2026]100号", "吉工信规划〔2026〕100号"),
        ("吉工信规划(2026)100号", "吉工信规划〔2026〕100号"),
        ("吉工信规划（2026）100号", "吉工信规划〔2026〕100号"),
        ("吉工信规划【2026】100号", "吉工信规划〔2026〕100号"),
        ("吉工信规划〔26〕100号", "吉工信规划〔2026〕100号"),
        ("吉工信规划〔2026〕012号", "吉工信规划〔2026〕12号"),
        ("吉工信规划〔2026〕第100号", "吉工信规划〔2026〕100号"),
        ("吉工信规划〔2026〕100", "吉工信规划〔2026〕100号"),
        ("吉工信规划（２０２６）１００号", "吉工信规划〔2026〕100号"),
    ],
)
def test_other_forms_are_refused_with_the_corrected_form(typed: str, corrected: str) -> None:
    problem = check(typed, 2026)
    assert problem is not None
    assert f"应写作“{corrected}”" in problem.render("zh")
    assert "GB/T 9704-2012" in problem.render("zh")
    assert f"write '{corrected}'" in problem.render("en")
    assert str(suggest(typed, 2026)) == corrected


def test_the_year_must_be_the_documents_year() -> None:
    problem = check("吉工信规划〔2025〕100号", 2026)
    assert problem is not None
    assert (
        problem.render("zh") == "文号“吉工信规划〔2025〕100号”中的年份应为发文年份2026，应写作“吉工信规划〔2026〕100号”"
    )
    assert check("吉工信规划〔2025〕100号", None) is None  # only the form, when the year is not known


@pytest.mark.parametrize("typed", ["", "  ", "abc", "〔2026〕100号", "吉工信规划〔2026〕0号"])
def test_what_cannot_be_read_is_refused_with_an_example(typed: str) -> None:
    problem = check(typed, 2026)
    assert problem is not None
    assert "吉工信规划〔2026〕100号" in problem.render("zh")
