"""The panel's aggregate (第九条): the three rules, the trim's fallback and ties, exact figures, outliers, ranks."""

from __future__ import annotations

import statistics
from decimal import Decimal

import pytest

from smartmfg.rules.experts.aggregate import RULE_LABELS, RULES, aggregate, median, ranked


def points(*values: str | int) -> list[Decimal]:
    return [Decimal(str(v)) for v in values]


FIFTEEN = Decimal(15)


def test_the_rules_and_their_labels() -> None:
    assert RULES == ("mean", "trimmed_mean", "median")
    assert [RULE_LABELS[r]["zh"] for r in RULES] == ["均值", "去掉一个最高分和一个最低分后的均值", "中位数"]
    assert all(RULE_LABELS[r]["en"] for r in RULES)


@pytest.mark.parametrize(
    ("totals", "applied", "value", "dropped"),
    [
        # Four: too few to trim, the mean of all (80.125 rounds half up, not to even).
        (points(80, 80, 80, "80.5"), "mean", "80.13", ()),
        # Five: 90 and 60 go, (80 + 70 + 85.5) / 3.
        (points(80, 90, 70, "85.5", 60), "trimmed_mean", "78.50", (1, 4)),
        # Seven, half points: 92.5 and 73 go, 429 / 5.
        (points(88, "92.5", 79, 85, "90.5", 73, "86.5"), "trimmed_mean", "85.80", (1, 5)),
        # Ties at the top and at the bottom: exactly one of each goes, the first of each.
        (points(90, 60, 90, 60, 75), "trimmed_mean", "75.00", (0, 1)),
        (points(70, 95, 95, 70, 80, 95), "trimmed_mean", "85.00", (0, 1)),
        # All the same: the first goes as the lowest, the second as the highest.
        (points(80, 80, 80, 80, 80), "trimmed_mean", "80.00", (0, 1)),
    ],
)
def test_the_trimmed_mean(totals: list[Decimal], applied: str, value: str, dropped: tuple[int, ...]) -> None:
    result = aggregate(totals, "trimmed_mean", FIFTEEN)
    assert (result.rule, result.rule_applied, result.value, result.dropped) == (
        "trimmed_mean",
        applied,
        Decimal(value),
        dropped,
    )
    assert result.count == len(totals) and result.fell_back is (applied == "mean")


def test_the_statement_says_which_rule_was_applied() -> None:
    five = aggregate(points(80, 90, 70, "85.5", 60), "trimmed_mean", FIFTEEN)
    assert five.statement() == "按去掉一个最高分和一个最低分后的算术平均计算（5位专家评分）"
    assert five.statement("en") == "the mean of the totals without the highest and the lowest (5 experts scored)"
    four = aggregate(points(80, 90, 70, 60), "trimmed_mean", FIFTEEN)
    assert four.statement() == "按全部专家评分的算术平均计算（4位专家评分，不足5位，未去掉最高分和最低分）"
    assert "fewer than 5" in four.statement("en")
    assert aggregate(points(80, 90), "mean", FIFTEEN).statement() == "按全部专家评分的算术平均计算（2位专家评分）"
    assert aggregate(points(80, 90, 70), "median", FIFTEEN).statement() == "按全部专家评分的中位数计算（3位专家评分）"
    assert aggregate(points(80, 90, 70, 60), "trimmed_mean", FIFTEEN, trim_minimum=4).rule_applied == "trimmed_mean"


@pytest.mark.parametrize(
    ("totals", "expected"),
    [
        (points(70, 90, 80), "80"),
        (points(70, 80, 90, 85), "82.5"),
        (points(70, "81.5", 90, 85), "83.25"),  # exact: not rounded to two places by chance
        (points("77.5"), "77.5"),
    ],
)
def test_the_median_of_odd_and_even_counts(totals: list[Decimal], expected: str) -> None:
    assert median(totals) == Decimal(expected)
    result = aggregate(totals, "median", FIFTEEN)
    assert result.median == Decimal(expected) and result.value == Decimal(expected).quantize(Decimal("0.01"))


@pytest.mark.parametrize(
    ("totals", "stdev", "spread", "mean"),
    [
        (points(2, 4, 4, 4, 5, 5, 7, 9), "2.00", "7", "5.00"),
        (points(80, 90, 70, "85.5", 60), "10.85", "30", "77.10"),
        (points(80, 80, 80, "80.5"), "0.22", "0.5", "80.13"),  # √0.046875 = 0.2165...
        (points(75), "0.00", "0", "75.00"),
    ],
)
def test_the_standard_deviation_and_the_spread_are_exact(
    totals: list[Decimal], stdev: str, spread: str, mean: str
) -> None:
    result = aggregate(totals, "mean", FIFTEEN)
    assert (result.stdev, result.spread, result.mean) == (Decimal(stdev), Decimal(spread), Decimal(mean))
    assert result.stdev == statistics.pstdev(totals).quantize(Decimal("0.01"))
    assert (result.highest, result.lowest) == (max(totals), min(totals))
    assert all(isinstance(v, Decimal) for v in (result.value, result.mean, result.median, result.stdev))


@pytest.mark.parametrize(
    ("totals", "outliers"),
    [
        (points(80, 80, 95, 65, 80), ()),  # exactly 15 from the median of 80: not flagged
        (points(80, 80, "95.5", "64.5", 80), (2, 3)),  # 15.5 above and below: flagged
        (points(80, 80, 96, 80, 80), (2,)),
    ],
)
def test_outliers_are_further_from_the_median_than_the_threshold(
    totals: list[Decimal], outliers: tuple[int, ...]
) -> None:
    assert aggregate(totals, "trimmed_mean", FIFTEEN).outliers == outliers


def test_what_has_no_aggregate_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one total"):
        aggregate([], "mean", FIFTEEN)
    with pytest.raises(ValueError, match="unknown aggregation rule 'average'"):
        aggregate(points(80), "average", FIFTEEN)
    with pytest.raises(ValueError, match="cannot be negative"):
        aggregate(points(80), "mean", Decimal(-1))
    with pytest.raises(ValueError, match="at least 3"):
        aggregate(points(80), "trimmed_mean", FIFTEEN, trim_minimum=2)


def test_ranked_shares_ranks_between_ties_and_puts_the_unscored_last() -> None:
    items = [
        ("2026-GC-0001", Decimal("85.5")),
        ("2026-GC-0002", None),
        ("2026-GC-0003", Decimal("90")),
        ("2026-GC-0004", Decimal("85.5")),
        ("2026-GC-0005", Decimal("70")),
        ("2026-GC-0006", None),
    ]
    assert ranked(items) == [
        (1, "2026-GC-0003", Decimal("90")),
        (2, "2026-GC-0001", Decimal("85.5")),
        (2, "2026-GC-0004", Decimal("85.5")),
        (4, "2026-GC-0005", Decimal("70")),
        (None, "2026-GC-0002", None),
        (None, "2026-GC-0006", None),
    ]
    assert ranked([]) == []
    assert [rank for rank, _, _ in ranked([("a", Decimal(1)), ("b", Decimal(1)), ("c", Decimal(1))])] == [1, 1, 1]
