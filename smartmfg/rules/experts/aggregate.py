"""The panel's aggregate of the experts' totals, and the ranking of applications by it (第九条).

The Rules say only that experts review the applications and form the experts'
recommendation (第九条); domain.md §7 records the decision: the call's policy
chooses the rule (``aggregation_rule``, the trimmed mean by default), and the
median, the spread and the standard deviation are shown beside it, with the
totals further from the median than ``outlier_threshold`` flagged.

- ``mean``: the arithmetic mean of every total;
- ``trimmed_mean``: the mean once the one highest and the one lowest total
  are dropped (去掉一个最高分和一个最低分), as review panels commonly do; with
  fewer than ``trim_minimum`` (5) totals nothing is dropped and the mean is
  taken, and the aggregate says so (``rule_applied``, ``statement``);
- ``median``: the middle total, or the mean of the two middle ones.

Everything is exact ``Decimal`` arithmetic (points never pass through a
float); the value, the mean and the standard deviation are rounded once, to
two decimals, half up (四舍五入). An empty list of totals has no aggregate:
``aggregate`` raises ``ValueError`` rather than invent a value, since a panel
with nobody scored yet has nothing to show or rank.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Final, Literal, TypeVar, get_args

from ..text import Lang, Text

AggregationRule = Literal["mean", "trimmed_mean", "median"]
RULES: Final[tuple[AggregationRule, ...]] = get_args(AggregationRule)

RULE_LABELS: Final[dict[str, dict[Lang, str]]] = {
    "mean": {"zh": "均值", "en": "mean"},
    "trimmed_mean": {
        "zh": "去掉一个最高分和一个最低分后的均值",
        "en": "mean without the highest and the lowest total",
    },
    "median": {"zh": "中位数", "en": "median"},
}

STATEMENTS: Final[dict[str, dict[Lang, str]]] = {
    "mean": {
        "zh": "按全部专家评分的算术平均计算（{count}位专家评分）",
        "en": "the mean of all the experts' totals ({count} experts scored)",
    },
    "trimmed_mean": {
        "zh": "按去掉一个最高分和一个最低分后的算术平均计算（{count}位专家评分）",
        "en": "the mean of the totals without the highest and the lowest ({count} experts scored)",
    },
    "fallback": {
        "zh": "按全部专家评分的算术平均计算（{count}位专家评分，不足{minimum}位，未去掉最高分和最低分）",
        "en": "the mean of all the experts' totals ({count} experts scored, fewer than {minimum}, "
        "so neither the highest nor the lowest was dropped)",
    },
    "median": {
        "zh": "按全部专家评分的中位数计算（{count}位专家评分）",
        "en": "the median of the experts' totals ({count} experts scored)",
    },
}

CENT: Final = Decimal("0.01")
TRIM_MINIMUM: Final = 5
# Far more digits than any sum of points needs: divisions and the square root
# are then correct to well past the two decimals that are kept.
_PRECISION: Final = 60

K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class Aggregate:
    """The aggregate of one application's totals; indices refer to the order of the totals given.

    ``rule`` is the rule asked for, ``rule_applied`` the one used (``mean``
    when ``trimmed_mean`` had fewer than ``trim_minimum`` totals). ``value``,
    ``mean`` and ``stdev`` (the population standard deviation) are rounded to
    two decimals half up; ``median``, ``highest``, ``lowest`` and ``spread``
    (highest − lowest) are exact. ``dropped``: the indices the trim left out
    (one highest, one lowest; empty unless trimmed); ``outliers``: the indices
    of the totals further from the median than ``outlier_threshold``.
    """

    rule: AggregationRule
    rule_applied: AggregationRule
    count: int
    value: Decimal
    mean: Decimal
    median: Decimal
    highest: Decimal
    lowest: Decimal
    spread: Decimal
    stdev: Decimal
    dropped: tuple[int, ...]
    outliers: tuple[int, ...]
    outlier_threshold: Decimal
    trim_minimum: int = TRIM_MINIMUM

    @property
    def fell_back(self) -> bool:
        """The trimmed mean was asked for but too few scored: the plain mean was taken."""
        return self.rule != self.rule_applied

    def statement_text(self) -> Text:
        """``statement`` as a ``Text``, to store once and show in either language."""
        key = "fallback" if self.fell_back else self.rule_applied
        return Text(STATEMENTS, key, {"count": self.count, "minimum": self.trim_minimum})

    def statement(self, lang: Lang = "zh") -> str:
        """One line for documents: the rule applied and how many scored.

        ``按去掉一个最高分和一个最低分后的算术平均计算（5位专家评分）``.
        """
        return self.statement_text().render(lang)


def aggregate(
    totals: Sequence[Decimal],
    rule: str,
    outlier_threshold: Decimal,
    *,
    trim_minimum: int = TRIM_MINIMUM,
) -> Aggregate:
    """The aggregate of ``totals`` (one per expert who scored) under ``rule`` (one of ``RULES``).

    ``ValueError`` for no totals, an unknown rule, a negative threshold, or a
    ``trim_minimum`` below 3 (dropping two of two would leave nothing).
    """
    checked = _checked_rule(rule)
    values = list(totals)
    if not values:
        raise ValueError("aggregate() needs at least one total: nobody has scored yet")
    if outlier_threshold < 0:
        raise ValueError(f"the outlier threshold cannot be negative ({outlier_threshold})")
    if trim_minimum < 3:
        raise ValueError(f"trim_minimum must be at least 3, not {trim_minimum}")
    applied: AggregationRule = "mean" if checked == "trimmed_mean" and len(values) < trim_minimum else checked
    dropped = trimmed(values) if applied == "trimmed_mean" else ()
    middle = median(values)
    mean = _mean(values)
    value = {"mean": mean, "median": middle, "trimmed_mean": _mean(_without(values, dropped))}[applied]
    return Aggregate(
        rule=checked,
        rule_applied=applied,
        count=len(values),
        value=_round(value),
        mean=_round(mean),
        median=middle,
        highest=max(values),
        lowest=min(values),
        spread=max(values) - min(values),
        stdev=_round(_stdev(values)),
        dropped=dropped,
        outliers=tuple(i for i, v in enumerate(values) if abs(v - middle) > outlier_threshold),
        outlier_threshold=outlier_threshold,
        trim_minimum=trim_minimum,
    )


def trimmed(values: Sequence[Decimal]) -> tuple[int, ...]:
    """The indices the trim drops, in order: the first lowest, and the first highest of the others.

    With ties exactly one of each goes (the first occurrence); when every
    value is the same, index 0 goes as the lowest and index 1 as the highest.
    """
    if len(values) < 3:
        raise ValueError("the trim needs at least three values")
    low = min(range(len(values)), key=lambda i: values[i])
    rest = [i for i in range(len(values)) if i != low]
    high = max(rest, key=lambda i: values[i])  # max keeps the first of equal keys
    return tuple(sorted((low, high)))


def median(values: Sequence[Decimal]) -> Decimal:
    """The middle value, or the mean of the two middle ones (exact: half of a sum of decimals)."""
    ordered = sorted(values)
    half = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[half]
    with localcontext(prec=_PRECISION):
        return (ordered[half - 1] + ordered[half]) / 2


def ranked(items: Sequence[tuple[K, Decimal | None]]) -> list[tuple[int | None, K, Decimal | None]]:
    """``(rank, key, value)`` by value, highest first; equal values share a rank (1, 2, 2, 4).

    Items without a value come last, ranked None; otherwise the order given is
    kept (a stable sort), so equal values stay in the caller's order.
    """
    valued = sorted(((key, value) for key, value in items if value is not None), key=lambda kv: -kv[1])
    result: list[tuple[int | None, K, Decimal | None]] = []
    for position, (key, value) in enumerate(valued, start=1):
        previous = result[-1] if result else None
        rank = previous[0] if previous is not None and previous[2] == value else position
        result.append((rank, key, value))
    result.extend((None, key, None) for key, value in items if value is None)
    return result


def _checked_rule(rule: str) -> AggregationRule:
    for known in RULES:
        if rule == known:
            return known
    raise ValueError(f"unknown aggregation rule {rule!r}: one of {', '.join(RULES)}")


def _without(values: Sequence[Decimal], indices: tuple[int, ...]) -> list[Decimal]:
    return [v for i, v in enumerate(values) if i not in indices]


def _mean(values: Sequence[Decimal]) -> Decimal:
    with localcontext(prec=_PRECISION):
        return sum(values, Decimal(0)) / len(values)


def _stdev(values: Sequence[Decimal]) -> Decimal:
    """The population standard deviation: √((n·Σx² − (Σx)²) / n²), the numerator exact."""
    n = len(values)
    with localcontext(prec=_PRECISION):
        total = sum(values, Decimal(0))
        numerator = n * sum((v * v for v in values), Decimal(0)) - total * total
        return (numerator / (n * n)).sqrt()


def _round(value: Decimal) -> Decimal:
    with localcontext(prec=_PRECISION):
        return value.quantize(CENT, rounding=ROUND_HALF_UP)
