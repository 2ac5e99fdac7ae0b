"""Document numbers (发文字号) as GB/T 9704-2012 §7.2.4 writes them.

"发文字号由发文机关代字、年份、发文顺序号组成……年份、发文顺序号用阿拉伯数字
标注；年份应标全称，用六角括号“〔〕”括入；发文顺序号不加“第”字，不编虚位
（即1不编为01），在阿拉伯数字后加“号”字。" So ``吉工信规划〔2026〕100号``, never
``吉工信规划[2026]100号``, ``吉工信规划（2026）100号``, ``吉工信规划〔26〕100号`` or
``吉工信规划〔2026〕第100号``; and the year is the year of the document itself.

A number that does not follow the standard is refused with the corrected form
when it can be told (``suggest``), so a typist need not guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from .text import Lang, Text

EXAMPLE: Final = "吉工信规划〔2026〕100号"

_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff]"
_STRICT = re.compile(rf"(?P<code>{_HAN}{{2,20}})〔(?P<year>[0-9]{{4}})〕(?P<seq>[1-9][0-9]*)号")
# What people type instead: any bracket (or none), a two-digit year, 第, leading zeros, no 号.
_LENIENT = re.compile(
    rf"(?P<code>{_HAN}{{2,20}})\s*[\[(【〔［{{<《]?\s*(?P<year>[0-9]{{4}}|[0-9]{{2}})\s*[\])】〕］}}>》]?\s*"
    r"第?\s*(?P<seq>[0-9]+)\s*号?"
)

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "empty": {"zh": "请填写文号，如“{example}”", "en": "enter the document number, e.g. '{example}'"},
    "format": {
        "zh": "文号“{given}”不符合GB/T 9704-2012第7.2.4条的写法（发文机关代字、年份全称用六角括号〔〕括入、"
        "序号不编虚位并加“号”），应写作“{suggestion}”",
        "en": "the document number '{given}' is not written as GB/T 9704-2012 §7.2.4 requires (issuing "
        "authority's code, the full year in hexagonal brackets 〔〕, the sequence number without leading "
        "zeros followed by 号): write '{suggestion}'",
    },
    "unreadable": {
        "zh": "文号“{given}”不符合GB/T 9704-2012第7.2.4条的写法：应由发文机关代字、用六角括号〔〕括入的年份全称和"
        "不编虚位的序号加“号”组成，如“{example}”",
        "en": "the document number '{given}' is not written as GB/T 9704-2012 §7.2.4 requires: the issuing "
        "authority's code, the full year in hexagonal brackets 〔〕 and the sequence number followed by 号, "
        "e.g. '{example}'",
    },
    "year": {
        "zh": "文号“{given}”中的年份应为发文年份{year}，应写作“{suggestion}”",
        "en": "the year in the document number '{given}' must be the document's year, {year}: write '{suggestion}'",
    },
}


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    code: str
    year: int
    sequence: int

    def __str__(self) -> str:
        return f"{self.code}〔{self.year}〕{self.sequence}号"


def parse(text: str) -> DocumentNumber | None:
    """The parts of a number written exactly as the standard writes it, or None."""
    match = _STRICT.fullmatch(text.strip())
    if match is None:
        return None
    return DocumentNumber(match["code"], int(match["year"]), int(match["seq"]))


def suggest(text: str, year: int | None = None) -> DocumentNumber | None:
    """The standard form of a number typed another way, when its parts can be read; else None."""
    normal = unicodedata.normalize("NFKC", text).strip()  # full-width digits and brackets to plain ones
    match = _LENIENT.fullmatch(normal)
    if match is None or int(match["seq"]) == 0:
        return None
    typed = int(match["year"])
    full = typed + 2000 if typed < 100 else typed
    return DocumentNumber(match["code"], year if year is not None else full, int(match["seq"]))


def check(text: str, year: int | None = None) -> Text | None:
    """What is wrong with ``text`` as the number of a document of ``year`` (None: nothing)."""
    given = text.strip()
    if not given:
        return Text(MESSAGES, "empty", {"example": EXAMPLE})
    number = parse(given)
    if number is not None:
        if year is None or number.year == year:
            return None
        corrected = DocumentNumber(number.code, year, number.sequence)
        return Text(MESSAGES, "year", {"given": given, "year": year, "suggestion": str(corrected)})
    suggestion = suggest(given, year)
    if suggestion is None:
        return Text(MESSAGES, "unreadable", {"given": given, "example": EXAMPLE})
    return Text(MESSAGES, "format", {"given": given, "suggestion": str(suggestion)})
