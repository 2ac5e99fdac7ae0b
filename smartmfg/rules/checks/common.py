"""What every rule returns.

A ``Check`` holds only plain values: the rule, the article, the result, a
``reason`` code and the figures in ``data``. Its ``message`` is built from
those when someone reads it, by the describer its rule module registered, so
judging thousands of applications allocates one tuple and one dict per check
and phrases nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final, Literal, NamedTuple

from ..text import Lang, Text

Result = Literal["pass", "fail", "manual"]
RESULTS: Final[tuple[Result, ...]] = ("pass", "fail", "manual")

NO_DATA: Final[Mapping[str, Any]] = MappingProxyType({})

Describer = Callable[[str, Mapping[str, Any]], Text]
_DESCRIBERS: dict[str, Describer] = {}


class Check(NamedTuple):
    """One rule's outcome for one application.

    ``result`` is ``pass``/``fail`` when the software decides and ``manual``
    when a person must. ``reason`` is a stable code of the outcome within the
    rule (``branch_untaxed``, ``no_check``...). ``data`` holds the figures
    (dates, ``Decimal`` amounts, counts, codes, tuples of them): the message's
    parameters, and what a screen or an audit row may show.
    """

    rule: str
    article: str
    result: Result
    reason: str
    data: Mapping[str, Any] = NO_DATA

    @property
    def message(self) -> Text:
        """The explanation in both languages (``check.message.render("en")``)."""
        return _DESCRIBERS[self.rule](self.reason, self.data)


def describes(*rules: str) -> Callable[[Describer], Describer]:
    """Register the function that phrases the messages of ``rules``."""

    def register(describer: Describer) -> Describer:
        for rule in rules:
            _DESCRIBERS[rule] = describer
        return describer

    return register


def outcome(passed: bool) -> Result:
    return "pass" if passed else "fail"


def join(lang: Lang, parts: list[str]) -> str:
    """Several items in one message."""
    return ("；" if lang == "zh" else "; ").join(parts)
