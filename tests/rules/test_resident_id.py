"""The resident identity card number (GB 11643-1999): check character, errors, masking."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartmfg.rules.experts.identity import (
    make_resident_id,
    mask_resident_id,
    normalise_resident_id,
    resident_id_check_char,
    resident_id_error,
)

# Valid numbers, each checked by hand below with the standard's own table (not with the code under test).
VALID = [
    "11010519491231002X",  # the standard's example: the check character is X
    "110101199003074477",
    "220102198001011234",
    "220204197512310045",
    "440304200002290014",  # 29 February of a leap year
    "650102190010109990",  # born in 1900, the earliest year allowed
]
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = {0: "1", 1: "0", 2: "X", 3: "9", 4: "8", 5: "7", 6: "6", 7: "5", 8: "4", 9: "3", 10: "2"}


def by_hand(number: str) -> str:
    return CHECK[sum(int(d) * w for d, w in zip(number[:17], WEIGHTS, strict=True)) % 11]


@pytest.mark.parametrize("number", VALID)
def test_valid_numbers_pass_and_agree_with_the_standards_table(number: str) -> None:
    assert by_hand(number) == number[17]
    assert resident_id_check_char(number[:17]) == number[17]
    assert resident_id_error(number) is None
    assert make_resident_id(number[:17]) == number


def test_normalising_strips_and_capitalises_the_x() -> None:
    assert normalise_resident_id("  11010519491231002x \n") == "11010519491231002X"
    assert resident_id_error(normalise_resident_id(" 11010519491231002x")) is None
    assert resident_id_error("11010519491231002x") is not None  # unnormalised, a lower-case x is wrong


@pytest.mark.parametrize(
    ("number", "zh", "en"),
    [
        ("", "不能为空", "empty"),
        ("11010519491231002", "应为18位，实际为17位", "not 17"),
        ("11010519491231002XX", "应为18位，实际为19位", "not 19"),
        ("1101A519491231002X", "第5位应为数字，实际为“A”", "character 5 of the resident ID number must be a digit"),
        ("11010519491231X02X", "第15位应为数字，实际为“X”", "character 15"),
        ("110105194913310021", "第7至14位应为1900年以后的有效出生日期", "not '19491331'"),
        ("110105194902300021", "第7至14位", "valid date of birth"),
        ("110105189912310021", "1900年以后", "from 1900 on"),
        ("110105194912310021", "第18位（校验码）应为“X”，实际为“1”", "should be 'X', not '1'"),
        ("11010519491231002Y", "应为“X”，实际为“Y”", "should be 'X', not 'Y'"),
    ],
)
def test_each_error_names_what_is_wrong(number: str, zh: str, en: str) -> None:
    error = resident_id_error(number)
    assert error is not None
    assert zh in error.render("zh")
    assert en in error.render("en")


def test_the_check_character_needs_seventeen_digits() -> None:
    with pytest.raises(ValueError, match="seventeen"):
        resident_id_check_char("1101051949123100")
    with pytest.raises(ValueError, match="seventeen"):
        resident_id_check_char("1101051949123100X")


def test_masking_shows_the_first_six_and_the_last_four() -> None:
    assert mask_resident_id("11010519491231002X") == "110105********002X"
    assert mask_resident_id("1101051949") == "**********"  # not a number: nothing shown
    assert mask_resident_id("") == ""


birth_dates = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31))


@given(
    address=st.text(alphabet="0123456789", min_size=6, max_size=6),
    born=birth_dates,
    sequence=st.text(alphabet="0123456789", min_size=3, max_size=3),
    position=st.integers(0, 16),
    digit=st.sampled_from("0123456789"),
)
def test_made_numbers_pass_and_any_one_changed_digit_fails(
    address: str, born: dt.date, sequence: str, position: int, digit: str
) -> None:
    number = make_resident_id(address + born.strftime("%Y%m%d") + sequence)
    assert resident_id_error(number) is None
    assert by_hand(number) == number[17]
    if number[position] != digit:
        changed = number[:position] + digit + number[position + 1 :]
        # Weights 1..10 modulo the prime 11 make every single-digit change move the check.
        assert resident_id_error(changed) is not None
    for check in "0123456789X":
        if check != number[17]:
            assert resident_id_error(number[:17] + check) is not None
