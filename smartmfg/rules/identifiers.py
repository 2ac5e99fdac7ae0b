"""The unified social credit code (统一社会信用代码), GB 32100-2015.

Eighteen characters from a 31-character set (no I, O, S, V, Z):

- 1: registration authority, 2: kind of organisation;
- 3-8: the GB/T 2260 division of the registering authority (six digits);
- 9-17: the organisation code of GB 11714, whose ninth character checks the
  first eight (weights 3,7,9,10,5,8,4,2; 11 - sum mod 11, ``X`` for 10 and
  ``0`` for 11);
- 18: the check character of the whole code (weights 1,3,9,...; 31 - sum mod
  31, ``0`` for 31).
"""

from __future__ import annotations

from operator import mul

from .text import Lang, Text

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_INDEX = {c: i for i, c in enumerate(CHARSET)}
_DIGITS = frozenset("0123456789")
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
LENGTH = 18

MESSAGES: dict[str, dict[Lang, str]] = {
    "empty": {"zh": "统一社会信用代码不能为空", "en": "the unified social credit code is empty"},
    "length": {
        "zh": "统一社会信用代码应为18位，实际为{length}位",
        "en": "a unified social credit code has 18 characters, not {length}",
    },
    "charset": {
        "zh": "第{position}位字符“{char}”不是统一社会信用代码可用的字符（只用数字和除I、O、S、V、Z以外的大写字母）",
        "en": "character {position} '{char}' is not allowed in a unified social credit code "
        "(digits and capital letters except I, O, S, V, Z)",
    },
    "division": {
        "zh": "第3至8位应为6位数字的登记管理机关行政区划码，实际为“{division}”",
        "en": "characters 3 to 8 must be the six-digit division code of the registering authority, not '{division}'",
    },
    "org_check": {
        "zh": "第17位（组织机构代码校验码）应为“{expected}”，实际为“{char}”",
        "en": "character 17 (the organisation code's check) should be '{expected}', not '{char}'",
    },
    "check": {
        "zh": "第18位（校验码）应为“{expected}”，实际为“{char}”",
        "en": "character 18 (the check character) should be '{expected}', not '{char}'",
    },
}


def normalise_uscc(raw: str) -> str:
    """Strip surrounding blanks and capitalise, the only leniency we allow."""
    return raw.strip().upper()


def org_check_char(first_eight: str) -> str:
    """GB 11714 check character of an organisation code's first eight characters."""
    if len(first_eight) != len(_ORG_WEIGHTS):
        raise ValueError("an organisation code's body has eight characters")
    total = sum(map(mul, map(_org_value, first_eight), _ORG_WEIGHTS))
    check = 11 - total % 11
    return _ORG_CHECK.get(check) or str(check)


def uscc_check_char(first_seventeen: str) -> str:
    """GB 32100 check character of a code's first seventeen characters."""
    if len(first_seventeen) != len(_WEIGHTS):
        raise ValueError("the check covers seventeen characters")
    total = sum(map(mul, map(_INDEX.__getitem__, first_seventeen), _WEIGHTS))
    return CHARSET[(31 - total % 31) % 31]


def uscc_error(code: str) -> Text | None:
    """The first thing wrong with ``code`` (already normalised), or None if valid."""
    # Judging re-checks every applicant's code, so the valid case takes one quick path.
    if (
        len(code) == LENGTH
        and _INDEX.keys() >= set(code)
        and _DIGITS.issuperset(code[2:8])
        and code[16] == org_check_char(code[8:16])
        and code[17] == uscc_check_char(code[:17])
    ):
        return None
    return _first_error(code)


def _first_error(code: str) -> Text:
    if not code:
        return Text(MESSAGES, "empty")
    if len(code) != LENGTH:
        return Text(MESSAGES, "length", {"length": len(code)})
    for position, char in enumerate(code, start=1):
        if char not in _INDEX:
            return Text(MESSAGES, "charset", {"position": position, "char": char})
    if not _DIGITS.issuperset(code[2:8]):
        return Text(MESSAGES, "division", {"division": code[2:8]})
    expected = org_check_char(code[8:16])
    if code[16] != expected:
        return Text(MESSAGES, "org_check", {"expected": expected, "char": code[16]})
    return Text(MESSAGES, "check", {"expected": uscc_check_char(code[:17]), "char": code[17]})


def is_valid_uscc(code: str) -> bool:
    return uscc_error(code) is None


def make_uscc(prefix: str, division: str, org_body: str) -> str:
    """Build a valid code from its parts (demo data and tests).

    ``prefix`` is characters 1-2 (e.g. ``91``), ``division`` six digits and
    ``org_body`` the organisation code's first eight characters.
    """
    org = org_body + org_check_char(org_body)
    head = prefix + division + org
    return head + uscc_check_char(head)


def _org_value(char: str) -> int:
    # GB 11714 counts digits as themselves and letters A=10 ... Z=35.
    value = _ORG_VALUE.get(char)
    if value is None:
        raise ValueError(f"{char!r} cannot be part of an organisation code")
    return value


_ORG_CHECK = {10: "X", 11: "0"}
_ORG_VALUE = {c: int(c) if c.isdigit() else ord(c) - ord("A") + 10 for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
