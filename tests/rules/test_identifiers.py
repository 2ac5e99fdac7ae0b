"""The unified social credit code (GB 32100-2015) and its organisation code check (GB 11714)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartmfg.rules.identifiers import CHARSET, make_uscc, normalise_uscc, uscc_error

EXAMPLES = ["91350100M000100Y43", "9144030071526726XG"]  # domain.md §5
VALID = [*EXAMPLES, make_uscc("91", "220102", "12345678")]
OUTSIDE_CHARSET = "IOSVZabc-*中 "


@pytest.mark.parametrize("code", VALID)
def test_valid_codes_pass(code: str) -> None:
    assert uscc_error(code) is None


@pytest.mark.parametrize("code", VALID)
def test_every_single_character_corruption_fails(code: str) -> None:
    for position in range(len(code)):
        for char in CHARSET + OUTSIDE_CHARSET:
            if char == code[position]:
                continue
            corrupted = code[:position] + char + code[position + 1 :]
            assert uscc_error(corrupted) is not None, corrupted


@given(
    division=st.sampled_from(["220102", "220581", "222401", "110105"]),
    body=st.text(alphabet=CHARSET, min_size=8, max_size=8),
    position=st.integers(0, 17),
    char=st.sampled_from(CHARSET),
)
def test_built_codes_pass_and_their_corruptions_fail(division: str, body: str, position: int, char: str) -> None:
    code = make_uscc("91", division, body)
    assert uscc_error(code) is None
    if code[position] != char:
        assert uscc_error(code[:position] + char + code[position + 1 :]) is not None


@pytest.mark.parametrize(
    ("code", "zh", "en"),
    [
        ("", "不能为空", "empty"),
        ("91220102123456788", "应为18位，实际为17位", "not 17"),
        ("91220102I23456788J", "第9位字符“I”", "character 9 'I'"),
        ("91A20102123456788J", "第3至8位", "characters 3 to 8"),
        ("9122010212345678XJ", "第17位（组织机构代码校验码）应为“8”", "character 17"),
        ("91220102123456788K", "第18位（校验码）应为“J”，实际为“K”", "should be 'J', not 'K'"),
    ],
)
def test_errors_say_what_is_wrong(code: str, zh: str, en: str) -> None:
    error = uscc_error(code)
    assert error is not None
    assert zh in error.render("zh")
    assert en in error.render("en")


def test_normalise_strips_and_capitalises() -> None:
    assert normalise_uscc("  9144030071526726xg \n") == "9144030071526726XG"
