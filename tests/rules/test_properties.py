"""Properties that hold for any application."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from smartmfg.rules import (
    CREDIT_RATINGS,
    DEFAULT_POLICY,
    INVESTMENT_CATEGORIES,
    SCENARIO_AREAS,
    TIERS,
    ApplicationFacts,
    CreditCheckFacts,
    EnterpriseFacts,
    InvestmentFacts,
    MajorIncident,
    MaturityFacts,
    ProjectFacts,
    Revocation,
    Scenario,
    Verdict,
    Violation,
    facts_to_dict,
    judge,
    parse_application,
)
from smartmfg.rules.identifiers import CHARSET, make_uscc
from smartmfg.rules.windows import shift_years

dates = st.dates(dt.date(2019, 1, 1), dt.date(2029, 12, 31))
words = st.text(alphabet="车间场景设备ABC123", min_size=1, max_size=6)
amounts = st.decimals(min_value=0, max_value=Decimal("60000000"), places=2, allow_nan=False, allow_infinity=False)
uscc = st.builds(
    lambda division, body: make_uscc("91", division, body),
    st.sampled_from(["220102", "220581", "222401", "110105"]),
    st.text(alphabet=CHARSET, min_size=8, max_size=8),
)
investments = st.builds(
    InvestmentFacts,
    date=dates,
    category=st.sampled_from(INVESTMENT_CATEGORIES),
    amount=amounts,
    status=st.sampled_from(["completed", "planned"]),
    invoice_no=st.sampled_from(["", "INV-1", "发票2"]),
)
projects = st.builds(
    ProjectFacts,
    name=words,
    region_code=st.sampled_from(["220102", "222401", "210102"]),
    status=st.sampled_from(["in_production", "under_construction"]),
    production_started_on=st.none() | dates,
    expected_completion_on=st.none() | dates,
    workshops=st.lists(words, max_size=4).map(tuple),
    scenarios=st.lists(st.builds(Scenario, st.sampled_from(SCENARIO_AREAS), words), max_size=7).map(tuple),
)
applications = st.builds(
    ApplicationFacts,
    tier=st.sampled_from(TIERS),
    applied_on=st.dates(dt.date(2024, 1, 1), dt.date(2028, 12, 31)),
    enterprise=st.builds(
        EnterpriseFacts,
        name=words,
        uscc=uscc,
        legal_status=st.sampled_from(["independent", "branch"]),
        pays_tax_in_province=st.booleans(),
        region_code=st.just("220102"),
    ),
    credit_check=st.none()
    | st.builds(CreditCheckFacts, st.sampled_from(CREDIT_RATINGS), st.booleans(), st.booleans(), dates),
    violations=st.lists(st.builds(Violation, dates, words), max_size=2).map(tuple),
    major_incidents=st.lists(
        st.builds(MajorIncident, dates, st.sampled_from(["safety", "quality", "environment"]), words),
        max_size=2,
    ).map(tuple),
    revocations=st.lists(st.builds(Revocation, dates, words), max_size=2).map(tuple),
    project=projects,
    investments=st.lists(investments, max_size=25).map(tuple),
    maturity=st.none()
    | st.builds(
        MaturityFacts,
        level=st.integers(1, 5),
        score=st.none() | st.decimals(0, 5, places=2),
        assessed_on=st.none() | dates,
        report_no=st.none() | st.just("C3M-1"),
    ),
)


def outcome(verdict: Verdict) -> tuple[object, ...]:
    """What a verdict decides, without the wording or the item numbers in its figures."""
    return (
        verdict.eligible,
        verdict.track,
        verdict.eligible_investment,
        tuple((c.rule, c.result) for c in verdict.checks),
    )


@given(applications)
def test_eligible_is_exactly_no_failed_check(facts: ApplicationFacts) -> None:
    verdict = judge(facts)
    assert verdict.eligible == all(check.result != "fail" for check in verdict.checks)
    assert verdict.eligible_investment == verdict.eligible_investment.quantize(Decimal("0.01"))
    assert (verdict.track is None) == (verdict.check("construction_status").result == "fail")
    manual = {c.rule for c in verdict.checks if c.result == "manual"}
    assert manual == {"operations_finance", "technical_merit"}


@given(applications, st.data())
def test_an_excluded_category_never_changes_the_verdict(facts: ApplicationFacts, data: st.DataObject) -> None:
    extra = data.draw(
        investments.map(lambda i: replace(i, category=data.draw(st.sampled_from(["civil_works", "plant_building"]))))
    )
    position = data.draw(st.integers(0, len(facts.investments)))
    items = (*facts.investments[:position], extra, *facts.investments[position:])
    assert outcome(judge(replace(facts, investments=items))) == outcome(judge(facts))


@given(applications, st.data())
def test_raising_a_counted_amount_never_turns_a_pass_into_a_fail(facts: ApplicationFacts, data: st.DataObject) -> None:
    assume(facts.investments)
    index = data.draw(st.integers(0, len(facts.investments) - 1))
    raise_by = data.draw(amounts)
    before = judge(facts)
    items = list(facts.investments)
    items[index] = replace(items[index], amount=items[index].amount + raise_by)
    after = judge(replace(facts, investments=tuple(items)))
    assert after.eligible_investment >= before.eligible_investment
    if before.check("investment_threshold").result == "pass":
        assert after.check("investment_threshold").result == "pass"


@given(applications, st.integers(1, 3000), st.booleans())
def test_a_violation_outside_the_window_changes_nothing(facts: ApplicationFacts, days: int, before: bool) -> None:
    start = shift_years(facts.applied_on, -DEFAULT_POLICY.violation_window_years)
    day = start - dt.timedelta(days=days) if before else facts.applied_on + dt.timedelta(days=days)
    with_old = replace(facts, violations=(*facts.violations, Violation(day, "窗口外的记录")))
    assert judge(with_old) == judge(facts)
    assert judge(with_old).to_dict("zh") == judge(facts).to_dict("zh")


@settings(max_examples=50)
@given(applications)
def test_every_message_renders(facts: ApplicationFacts) -> None:
    for check in judge(facts).checks:
        for lang in ("zh", "en"):
            text = check.message.render(lang)
            assert text and "{" not in text, (check.rule, check.reason)


@settings(max_examples=50)
@given(applications)
def test_the_import_format_round_trips(facts: ApplicationFacts) -> None:
    exported = json.loads(json.dumps(facts_to_dict(facts)))
    assert parse_application(exported) == facts
