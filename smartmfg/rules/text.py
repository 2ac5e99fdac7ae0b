"""Bilingual texts of the pure core.

The core imports nothing from Django, so it cannot use Django's translation
machinery. Each text is a template in Chinese (the platform's first language)
and English; the shell picks the language of the request. A ``Text`` keeps
its key and parameters, so a verdict can be stored once and shown in either
language later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

TEN_THOUSAND = Decimal(10000)


def normalise_lang(lang: str | None) -> Lang:
    """Map a Django language code (``zh-hans``, ``en-us``...) to a core language."""
    if lang and lang.lower().startswith("en"):
        return "en"
    return "zh"


def format_yuan(amount: Decimal, lang: Lang = "zh", *, compact: bool = False) -> str:
    """Money as people read it: 万元 in Chinese, yuan in English, never rounded.

    ``Decimal("19999900")`` is ``1,999.99万元``; ``Decimal("19999999.99")`` is
    ``1,999.999999万元`` (exact, so a figure one fen short never reads as the
    threshold itself). ``compact`` drops the decimals of a whole figure, the
    way the Rules write their thresholds: ``2,000万元``, ``20,000,000 yuan``.
    """
    whole = compact and amount == amount.to_integral_value()
    if lang == "en":
        return f"{amount:,.0f} yuan" if whole else f"{amount:,.2f} yuan"
    wan = (amount / TEN_THOUSAND).normalize()
    if compact and wan == wan.to_integral_value():
        return f"{wan:,.0f}万元"
    exponent = wan.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return f"{wan:,.{places}f}万元"


@dataclass(frozen=True)
class Text:
    """A message template key with its parameters, rendered on demand."""

    catalogue: Mapping[str, Mapping[Lang, str]] = field(repr=False, compare=False)
    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, lang: Lang = "zh") -> str:
        template = self.catalogue[self.key][lang]
        return template.format_map(_Shown(self.params, lang))

    def __str__(self) -> str:
        return self.render("zh")


@dataclass(frozen=True)
class Yuan:
    """A money parameter of a ``Text``: shown in 万元 or yuan by language.

    ``compact`` is for round thresholds (``2,000万元``), see ``format_yuan``.
    """

    amount: Decimal
    compact: bool = False

    def render(self, lang: Lang = "zh") -> str:
        return format_yuan(self.amount, lang, compact=self.compact)

    def __str__(self) -> str:
        return self.render("zh")


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_day(day: dt.date, lang: Lang = "zh") -> str:
    """A date as a sentence writes it: ``2029年3月16日``, ``16 March 2029``."""
    if lang == "en":
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True, slots=True)
class Day:
    """A date parameter of a ``Text``, written as a sentence writes it (``format_day``)."""

    day: dt.date

    def render(self, lang: Lang = "zh") -> str:
        return format_day(self.day, lang)

    def __str__(self) -> str:
        return self.render("zh")


class _Shown(dict[str, Any]):
    """The parameters as a template sees them: each one phrased only if the template uses it."""

    def __init__(self, params: Mapping[str, Any], lang: Lang) -> None:
        super().__init__()
        self.params = params
        self.lang = lang

    def __missing__(self, key: str) -> Any:
        return _show(self.params[key], self.lang)


def _show(value: Any, lang: Lang) -> Any:
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, Yuan):
        return value.render(lang)
    if isinstance(value, (list, tuple)):
        sep = "、" if lang == "zh" else ", "
        return sep.join(str(_show(v, lang)) for v in value)
    render = getattr(value, "render", None)
    if callable(render):
        # Lazy parameters (lists of left-out items, place names...) build
        # their text only when someone reads the message.
        return render(lang)
    return value


@dataclass(frozen=True, slots=True)
class Coded:
    """A code shown with its label where that helps: ``good（良好）`` in Chinese, ``good`` in English.

    For lists of allowed values in error messages, where the reader must type the code.
    """

    table: Mapping[str, Mapping[Lang, str]] = field(repr=False, compare=False)
    code: str

    def render(self, lang: Lang = "zh") -> str:
        labels = self.table.get(self.code)
        if lang == "en" or labels is None:
            return self.code
        return f"{self.code}（{labels['zh']}）"


@dataclass(frozen=True, slots=True)
class Lazy:
    """A parameter computed only when the message is rendered: ``fn(lang, *args)``.

    Verdicts are built far more often than they are read, so anything costly to
    phrase (lists of left-out items, place names) waits until someone looks.
    """

    fn: Callable[..., str]
    args: tuple[Any, ...] = ()

    def render(self, lang: Lang = "zh") -> str:
        return self.fn(lang, *self.args)
