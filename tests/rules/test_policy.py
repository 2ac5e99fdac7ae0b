"""The parameters: defaults, names, round trips and errors."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartmfg.rules import DEFAULT_POLICY, PARAMETERS, InvalidPolicy, PerTier, Policy
from smartmfg.rules.policy import AffinityWeights

NAMES = [
    "province_code",
    "violation_window_years",
    "incident_window_years",
    "ban_years",
    "investment_window_years",
    "cultivation_deadline",
    "min_credit_rating.digital_workshop",
    "min_credit_rating.smart_factory",
    "min_credit_rating.future_factory",
    "min_investment.digital_workshop",
    "min_investment.smart_factory",
    "min_investment.future_factory",
    "min_maturity_level.digital_workshop",
    "min_maturity_level.smart_factory",
    "min_maturity_level.future_factory",
    "max_maturity_level.digital_workshop",
    "max_maturity_level.smart_factory",
    "max_maturity_level.future_factory",
    "min_workshops",
    "min_scenarios",
    "eligible_investment_categories",
    "return_response_working_days",
    "notice_working_days",
    "cultivation_first_reminder_days",
    "cultivation_last_reminder_days",
    "local_avoidance",
    "affinity_weight.division",
    "affinity_weight.section",
    "affinity_weight.manufacturing",
    "affinity_weight.group",
    "aggregation_rule",
    "outlier_threshold",
    "spot_check_share",
    "scoring_first_reminder_days",
    "scoring_last_reminder_days",
]


def test_parameter_names_are_stable() -> None:
    assert [p.name for p in PARAMETERS] == NAMES
    for param in PARAMETERS:
        assert param.zh and param.en and param.article.startswith("第")


def test_defaults_are_the_rules_values() -> None:
    assert DEFAULT_POLICY.to_dict() == {
        "province_code": "22",
        "violation_window_years": 2,
        "incident_window_years": 2,
        "ban_years": 3,
        "investment_window_years": 3,
        "cultivation_deadline": "2025-12-31",
        "min_credit_rating.digital_workshop": "qualified",
        "min_credit_rating.smart_factory": "qualified",
        "min_credit_rating.future_factory": "good",
        "min_investment.digital_workshop": "20000000.00",
        "min_investment.smart_factory": "40000000.00",
        "min_investment.future_factory": "80000000.00",
        "min_maturity_level.digital_workshop": 1,
        "min_maturity_level.smart_factory": 2,
        "min_maturity_level.future_factory": 3,
        "max_maturity_level.digital_workshop": 2,
        "max_maturity_level.smart_factory": 3,
        "max_maturity_level.future_factory": 4,
        "min_workshops": 2,
        "min_scenarios": 5,
        "eligible_investment_categories": ["equipment", "software", "consulting_services"],
        "return_response_working_days": 10,
        "notice_working_days": 5,
        "cultivation_first_reminder_days": 30,
        "cultivation_last_reminder_days": 7,
        "local_avoidance": False,
        "affinity_weight.division": 50,
        "affinity_weight.section": 20,
        "affinity_weight.manufacturing": 20,
        "affinity_weight.group": 10,
        "aggregation_rule": "trimmed_mean",
        "outlier_threshold": 15,
        "spot_check_share": 20,
        "scoring_first_reminder_days": 3,
        "scoring_last_reminder_days": 1,
    }
    assert DEFAULT_POLICY.min_investment["smart_factory"] == Decimal("40000000.00")
    assert DEFAULT_POLICY.get("cultivation_deadline") == dt.date(2025, 12, 31)


def test_to_dict_is_json_and_round_trips() -> None:
    text = json.dumps(DEFAULT_POLICY.to_dict())
    assert Policy.from_dict(json.loads(text)) == DEFAULT_POLICY


def test_from_dict_keeps_defaults_for_missing_names() -> None:
    assert Policy.from_dict({"ban_years": 5}) == DEFAULT_POLICY.with_changes({"ban_years": "5"})


def test_with_changes_and_diff() -> None:
    changed = DEFAULT_POLICY.with_changes(
        {
            "min_investment.smart_factory": "30000000",
            "cultivation_deadline": "2026-12-31",
            "eligible_investment_categories": "equipment, software",
            "min_credit_rating.future_factory": "excellent",
        }
    )
    assert changed.min_investment == PerTier(Decimal("20000000"), Decimal("30000000"), Decimal("80000000"))
    assert DEFAULT_POLICY.diff(changed) == [
        ("cultivation_deadline", "2025-12-31", "2026-12-31"),
        ("min_credit_rating.future_factory", "good", "excellent"),
        ("min_investment.smart_factory", "40000000.00", "30000000.00"),
        ("eligible_investment_categories", "equipment,software,consulting_services", "equipment,software"),
    ]
    assert DEFAULT_POLICY.diff(DEFAULT_POLICY) == []
    assert DEFAULT_POLICY.with_changes({n: new for n, _, new in DEFAULT_POLICY.diff(changed)}) == changed


def problems(call: object, *args: object) -> list[tuple[str, str, str]]:
    with pytest.raises(InvalidPolicy) as raised:
        call(*args)  # type: ignore[operator]
    return [(p.name, p.message.render("zh"), p.message.render("en")) for p in raised.value.problems]


@pytest.mark.parametrize(
    ("changes", "name", "zh", "en"),
    [
        (
            {"min_investment.digital_workshop": "-1"},
            "min_investment.digital_workshop",
            "不能为负数",
            "cannot be negative",
        ),
        (
            {"min_investment.digital_workshop": "1.234"},
            "min_investment.digital_workshop",
            "最多保留两位小数",
            "two decimals",
        ),
        (
            {"min_investment.digital_workshop": "两千万"},
            "min_investment.digital_workshop",
            "应为以元为单位的金额",
            "amount in yuan",
        ),
        (
            {"min_maturity_level.smart_factory": "6"},
            "min_maturity_level.smart_factory",
            "应在1至5之间",
            "between 1 and 5",
        ),
        (
            {"max_maturity_level.smart_factory": "1"},
            "max_maturity_level.smart_factory",
            "不能低于参数",
            "lower than",
        ),
        ({"ban_years": "three"}, "ban_years", "应为整数", "whole number"),
        ({"ban_years": "0"}, "ban_years", "应在1至10之间", "between 1 and 10"),
        ({"cultivation_deadline": "2025-02-30"}, "cultivation_deadline", "YYYY-MM-DD", "YYYY-MM-DD"),
        ({"cultivation_deadline": "2025/12/31"}, "cultivation_deadline", "YYYY-MM-DD", "YYYY-MM-DD"),
        (
            {"min_credit_rating.future_factory": "best"},
            "min_credit_rating.future_factory",
            "good（良好）",
            "one of",
        ),
        ({"province_code": "99"}, "province_code", "两位数的省级行政区划代码", "two-digit province code"),
        (
            {"eligible_investment_categories": ""},
            "eligible_investment_categories",
            "至少要包含一个类别",
            "at least one",
        ),
        (
            {"eligible_investment_categories": "equipment,land"},
            "eligible_investment_categories",
            "应为以下之一",
            "one of",
        ),
        ({"min_workshop": "3"}, "min_workshop", "没有名为“min_workshop”的参数", "no parameter named"),
        ({"local_avoidance": "是"}, "local_avoidance", "应为true（是）或false（否）", "must be true or false"),
        ({"local_avoidance": "True"}, "local_avoidance", "应为true（是）或false（否）", "must be true or false"),
        ({"affinity_weight.group": "101"}, "affinity_weight.group", "应在0至100之间", "between 0 and 100"),
        ({"affinity_weight.section": "-1"}, "affinity_weight.section", "应在0至100之间", "between 0 and 100"),
        ({"affinity_weight.division": "0.5"}, "affinity_weight.division", "应为整数", "whole number"),
        (
            {"aggregation_rule": "average"},
            "aggregation_rule",
            "trimmed_mean（去掉一个最高分和一个最低分后的均值）",
            "one of",
        ),
        ({"outlier_threshold": "0"}, "outlier_threshold", "应在1至100之间", "between 1 and 100"),
        ({"outlier_threshold": "7.5"}, "outlier_threshold", "应为整数", "whole number"),
        ({"spot_check_share": "101"}, "spot_check_share", "应在0至100之间", "between 0 and 100"),
        ({"scoring_last_reminder_days": "5"}, "scoring_first_reminder_days", "不能低于参数", "lower than"),
    ],
)
def test_with_changes_errors_name_the_parameter(changes: dict[str, str], name: str, zh: str, en: str) -> None:
    [(got_name, got_zh, got_en)] = problems(DEFAULT_POLICY.with_changes, changes)
    assert got_name == name
    assert zh in got_zh and en in got_en
    assert name in got_zh and name in got_en


@pytest.mark.parametrize(
    ("data", "name", "en"),
    [
        ({"min_investment.smart_factory": 40000000.5}, "min_investment.smart_factory", "never a float"),
        ({"min_investment.smart_factory": 40000000.0}, "min_investment.smart_factory", "never a float"),
        ({"ban_years": "3"}, "ban_years", "whole number"),
        ({"ban_years": True}, "ban_years", "whole number"),
        ({"eligible_investment_categories": "equipment"}, "eligible_investment_categories", "list of"),
        ({"cultivation_deadline": 20251231}, "cultivation_deadline", "YYYY-MM-DD"),
        ({"surprise": 1}, "surprise", "no parameter named"),
        ({"local_avoidance": "true"}, "local_avoidance", "true or false"),
        ({"local_avoidance": 1}, "local_avoidance", "true or false"),
        ({"affinity_weight.manufacturing": True}, "affinity_weight.manufacturing", "whole number"),
        ({"aggregation_rule": "average"}, "aggregation_rule", "one of"),
        ({"aggregation_rule": 1}, "aggregation_rule", "must be text"),
        ({"spot_check_share": "20"}, "spot_check_share", "whole number"),
    ],
)
def test_from_dict_errors(data: dict[str, object], name: str, en: str) -> None:
    [(got_name, _, got_en)] = problems(Policy.from_dict, data)
    assert (got_name, en in got_en) == (name, True)


def test_every_problem_is_reported_at_once() -> None:
    found = problems(DEFAULT_POLICY.with_changes, {"ban_years": "x", "min_scenarios": "0", "nope": "1"})
    assert [name for name, _, _ in found] == ["ban_years", "min_scenarios", "nope"]


def test_a_policy_built_by_hand_is_checked_too() -> None:
    with pytest.raises(InvalidPolicy, match=r"min_investment\.future_factory"):
        Policy(min_investment=PerTier(Decimal(1), Decimal(2), Decimal("-3")))
    with pytest.raises(InvalidPolicy):
        Policy(eligible_investment_categories=frozenset())


def test_the_expert_reviews_parameters() -> None:
    """第九条: local avoidance is a switch, off by default; the weights of affinity are whole numbers 0 to 100."""
    changed = DEFAULT_POLICY.with_changes(
        {"local_avoidance": " true ", "affinity_weight.division": "0", "affinity_weight.group": "100"}
    )
    assert changed.local_avoidance is True and DEFAULT_POLICY.local_avoidance is False
    assert changed.affinity_weight == AffinityWeights(division=0, section=20, manufacturing=20, group=100)
    assert changed.get("affinity_weight.group") == 100 and changed.value_text("local_avoidance") == "true"
    assert changed.to_dict()["local_avoidance"] is True
    assert Policy.from_dict(json.loads(json.dumps(changed.to_dict()))) == changed
    assert DEFAULT_POLICY.diff(changed) == [
        ("local_avoidance", "false", "true"),
        ("affinity_weight.division", "50", "0"),
        ("affinity_weight.group", "10", "100"),
    ]
    for param in PARAMETERS[-10:]:
        assert param.article == "第九条" and param.tier is None
    with pytest.raises(InvalidPolicy, match="local_avoidance"):
        Policy(local_avoidance=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidPolicy, match=r"affinity_weight\.section"):
        Policy(affinity_weight=AffinityWeights(50, 101, 20, 10))


def test_the_scoring_parameters() -> None:
    """第九条: the aggregation rule is a choice of three, the threshold points, the share a percentage."""
    changed = DEFAULT_POLICY.with_changes(
        {
            "aggregation_rule": " median ",
            "outlier_threshold": "20",
            "spot_check_share": "0",
            "scoring_first_reminder_days": "5",
            "scoring_last_reminder_days": "5",
        }
    )
    assert (changed.aggregation_rule, changed.outlier_threshold, changed.spot_check_share) == ("median", 20, 0)
    assert changed.to_dict()["aggregation_rule"] == "median" and changed.value_text("spot_check_share") == "0"
    assert Policy.from_dict(json.loads(json.dumps(changed.to_dict()))) == changed
    assert ("aggregation_rule", "trimmed_mean", "median") in DEFAULT_POLICY.diff(changed)
    assert Policy.from_dict({"aggregation_rule": "mean"}).aggregation_rule == "mean"
    with pytest.raises(InvalidPolicy, match="aggregation_rule"):
        Policy(aggregation_rule="average")  # type: ignore[arg-type]
    with pytest.raises(InvalidPolicy, match="spot_check_share"):
        Policy(spot_check_share=-1)


def test_amounts_accept_integers_and_strings() -> None:
    policy = Policy.from_dict({"min_investment.digital_workshop": 25000000, "min_investment.smart_factory": "1.5"})
    assert policy.min_investment["digital_workshop"] == Decimal("25000000")
    assert policy.value_text("min_investment.smart_factory") == "1.50"


@given(
    amounts=st.lists(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False), min_size=3, max_size=3),
    years=st.integers(1, 10),
    deadline=st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)),
    low=st.integers(1, 5),
    categories=st.sets(st.sampled_from(["equipment", "software", "consulting_services", "civil_works"]), min_size=1),
)
def test_round_trips(amounts: list[Decimal], years: int, deadline: dt.date, low: int, categories: set[str]) -> None:
    policy = Policy(
        ban_years=years,
        cultivation_deadline=deadline,
        min_investment=PerTier(*amounts),
        min_maturity_level=PerTier(low, low, low),
        max_maturity_level=PerTier(5, 5, 5),
        eligible_investment_categories=frozenset(categories),  # type: ignore[arg-type]
    )
    assert Policy.from_dict(json.loads(json.dumps(policy.to_dict()))) == policy
    assert DEFAULT_POLICY.with_changes({n: new for n, _, new in DEFAULT_POLICY.diff(policy)}) == policy
