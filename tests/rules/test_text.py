"""Bilingual texts and money."""

from __future__ import annotations

from decimal import Decimal

import pytest

from smartmfg.rules.text import Coded, Lang, Lazy, Text, Yuan, format_yuan, normalise_lang


@pytest.mark.parametrize(
    ("amount", "compact", "zh", "en"),
    [
        ("19999900", False, "1,999.99万元", "19,999,900.00 yuan"),
        ("19999999.99", False, "1,999.999999万元", "19,999,999.99 yuan"),
        ("20000000", False, "2,000.00万元", "20,000,000.00 yuan"),
        ("20000000.00", True, "2,000万元", "20,000,000 yuan"),
        ("20000000.50", True, "2,000.00005万元", "20,000,000.50 yuan"),
        ("12345", True, "1.2345万元", "12,345 yuan"),
    ],
)
def test_format_yuan(amount: str, compact: bool, zh: str, en: str) -> None:
    assert format_yuan(Decimal(amount), "zh", compact=compact) == zh
    assert format_yuan(Decimal(amount), "en", compact=compact) == en
    assert Yuan(Decimal(amount), compact).render("zh") == zh


CATALOGUE: dict[str, dict[Lang, str]] = {"k": {"zh": "共{n}项：{items}", "en": "{n} items: {items}"}}


def test_text_renders_lists_lazies_and_only_what_it_uses() -> None:
    calls: list[str] = []

    def expensive(lang: str) -> str:
        calls.append(lang)
        return "never shown"

    text = Text(CATALOGUE, "k", {"n": 2, "items": ["a", Yuan(Decimal(10000))], "unused": Lazy(expensive)})
    assert text.render("zh") == "共2项：a、1.00万元"
    assert text.render("en") == "2 items: a, 10,000.00 yuan"
    assert calls == []
    assert str(text) == text.render("zh")


def test_coded_shows_the_label_in_chinese_only() -> None:
    table: dict[str, dict[Lang, str]] = {"good": {"zh": "良好", "en": "good"}}
    assert Coded(table, "good").render("zh") == "good（良好）"
    assert Coded(table, "good").render("en") == "good"
    assert Coded(table, "other").render("zh") == "other"


@pytest.mark.parametrize(("code", "lang"), [("en-us", "en"), ("EN", "en"), ("zh-hans", "zh"), (None, "zh")])
def test_normalise_lang(code: str | None, lang: str) -> None:
    assert normalise_lang(code) == lang
