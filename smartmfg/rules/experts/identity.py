"""The resident identity card number (居民身份证号码), GB 11643-1999.

Eighteen characters, the first seventeen digits:

- 1-6: the address code (GB/T 2260 division where the number was issued);
- 7-14: the date of birth, ``YYYYMMDD``;
- 15-17: the sequence code (the 17th is odd for men, even for women);
- 18: the check character: the first seventeen digits weighted 7, 9, 10, 5, 8,
  4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2, the sum modulo 11 mapped to
  ``1 0 X 9 8 7 6 5 4 3 2``.

The pool keeps an expert's number to tell two people of the same name apart;
it is private (domain.md §7), and pages show it masked (``mask_resident_id``).
The birth date is checked as a real calendar date from 1900 on, nothing more:
the core takes no "today".
"""

from __future__ import annotations

import datetime as dt
from operator import mul
from typing import Final

from ..text import Lang, Text

LENGTH: Final = 18
EARLIEST_BIRTH_YEAR: Final = 1900
_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK: Final = "10X98765432"
_DIGITS: Final = frozenset("0123456789")
MASK: Final = "********"

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "empty": {"zh": "身份证号码不能为空", "en": "the resident ID number is empty"},
    "length": {
        "zh": "身份证号码应为18位，实际为{length}位",
        "en": "a resident ID number has 18 characters, not {length}",
    },
    "digit": {
        "zh": "身份证号码第{position}位应为数字，实际为“{char}”",
        "en": "character {position} of the resident ID number must be a digit, not '{char}'",
    },
    "birth_date": {
        "zh": "身份证号码第7至14位应为1900年以后的有效出生日期（年月日，YYYYMMDD），实际为“{date}”",
        "en": "characters 7 to 14 of the resident ID number must be a valid date of birth from 1900 on "
        "(YYYYMMDD), not '{date}'",
    },
    "check": {
        "zh": "身份证号码第18位（校验码）应为“{expected}”，实际为“{char}”",
        "en": "character 18 of the resident ID number (the check character) should be '{expected}', not '{char}'",
    },
}


def normalise_resident_id(raw: str) -> str:
    """Strip surrounding blanks and capitalise a final ``x``, the only leniency we allow."""
    return raw.strip().upper()


def resident_id_check_char(first_seventeen: str) -> str:
    """GB 11643 check character of a number's first seventeen digits."""
    if len(first_seventeen) != len(_WEIGHTS) or not _DIGITS.issuperset(first_seventeen):
        raise ValueError("the check covers seventeen digits")
    total = sum(map(mul, map(int, first_seventeen), _WEIGHTS))
    return _CHECK[total % 11]


def resident_id_error(value: str) -> Text | None:
    """The first thing wrong with ``value`` (already normalised), or None if valid.

    In order: empty, length, a non-digit among the first seventeen (naming its
    position), the birth date, the check character (expected and actual).
    """
    if not value:
        return Text(MESSAGES, "empty")
    if len(value) != LENGTH:
        return Text(MESSAGES, "length", {"length": len(value)})
    for position, char in enumerate(value[:17], start=1):
        if char not in _DIGITS:
            return Text(MESSAGES, "digit", {"position": position, "char": char})
    if not _is_birth_date(value[6:14]):
        return Text(MESSAGES, "birth_date", {"date": value[6:14]})
    expected = resident_id_check_char(value[:17])
    if value[17] != expected:
        return Text(MESSAGES, "check", {"expected": expected, "char": value[17]})
    return None


def is_valid_resident_id(value: str) -> bool:
    return resident_id_error(value) is None


def make_resident_id(first_seventeen: str) -> str:
    """A valid number from its first seventeen digits (demo data and tests)."""
    return first_seventeen + resident_id_check_char(first_seventeen)


def mask_resident_id(value: str) -> str:
    """``220102********123X``: the first six and the last four characters of an 18-character number.

    Anything of another length is masked whole (one ``*`` per character), so a
    mistyped number never shows more than a valid one would.
    """
    if len(value) != LENGTH:
        return "*" * len(value)
    return value[:6] + MASK + value[-4:]


def _is_birth_date(text: str) -> bool:
    try:
        born = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    return born.year >= EARLIEST_BIRTH_YEAR
