"""Model and form choices built from the pure core's bilingual label tables.

The core (``smartmfg.rules``) owns the enumerations of the Rules (tiers,
credit scale, investment categories...) with their Chinese and English
labels. The shell shows them through these lazy labels, which follow the
language of the request, so each label is written once.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar, cast

from django.utils.functional import Promise, lazy
from django.utils.translation import get_language

from smartmfg.rules.text import Lang, normalise_lang


def current_lang() -> Lang:
    """The core language matching the active Django language."""
    return normalise_lang(get_language())


K = TypeVar("K", bound=Hashable)


def _label(table: Mapping[K, Mapping[Lang, str]], value: K) -> str:
    return table[value][current_lang()]


_lazy_label = lazy(_label, str)


def bilingual_choices(table: Mapping[K, Mapping[Lang, str]]) -> list[tuple[K, Promise]]:
    """``[(value, lazy label)]`` in the table's order."""
    return [(value, cast(Promise, _lazy_label(table, value))) for value in table]


def label_of(table: Mapping[K, Mapping[Lang, str]], value: K) -> str:
    return _label(table, value) if value in table else str(value)
