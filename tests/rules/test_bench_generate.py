"""The benchmark's application generator: deterministic, valid, varied."""

from __future__ import annotations

from collections import Counter

from bench.generate import generate
from smartmfg.rules import judge, parse_application


def test_generate_is_deterministic_by_seed() -> None:
    assert generate(30, seed=7) == generate(30, seed=7)
    assert generate(30, seed=7) != generate(30, seed=8)


def test_generated_applications_are_valid_and_varied() -> None:
    facts = [parse_application(document) for document in generate(300, seed=1)]
    assert {f.tier for f in facts} == {"digital_workshop", "smart_factory", "future_factory"}
    assert {f.project.status for f in facts} == {"in_production", "under_construction"}
    sizes = [len(f.investments) for f in facts]
    assert min(sizes) >= 17 and max(sizes) <= 23
    verdicts = [judge(f) for f in facts]
    failures = Counter(c.rule for v in verdicts for c in v.checks if c.result == "fail")
    assert {"investment_threshold", "credit_rating", "construction_status", "maturity_level"} <= set(failures)
    assert any(v.eligible for v in verdicts) and not all(v.eligible for v in verdicts)
