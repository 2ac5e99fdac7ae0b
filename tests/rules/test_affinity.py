"""Affinity: the documented formula, its bounds, and the matrix that equals it pair by pair."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartmfg.rules.experts.affinity import (
    AffinityWeights,
    ExpertFacts,
    SubjectFacts,
    affinity,
    affinity_matrix,
)
from smartmfg.rules.facts import TIERS
from smartmfg.rules.policy import DEFAULT_POLICY

SECTION_OF = {"13": "C", "26": "C", "34": "C", "36": "C", "44": "D", "65": "I"}
WEIGHTS = AffinityWeights(division=50, section=20, manufacturing=20, group=10)
AUTOMOTIVE = SubjectFacts(division="36", section="C", manufacturing="discrete", tier="smart_factory")


def expert(
    industries: set[str], manufacturing: set[str] = frozenset(), tiers: set[str] = frozenset(), types=frozenset()
) -> ExpertFacts:
    return ExpertFacts(frozenset(industries), frozenset(manufacturing), frozenset(tiers), frozenset(types))


def test_the_policy_carries_the_default_weights() -> None:
    assert DEFAULT_POLICY.affinity_weight == WEIGHTS
    assert WEIGHTS.total == 100 and WEIGHTS["section"] == 20


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        # Same division (its section counts too), same type, a group suited to all.
        (expert({"36"}, {"discrete"}), 1.0),
        (expert({"36"}, {"process"}), 0.8),
        # A section letter, or another division of the same section.
        (expert({"C"}, {"discrete"}), 0.5),
        (expert({"34"}, {"discrete"}), 0.5),
        (expert({"34", "65"}, {"process"}), 0.3),
        # Nothing in common but a group that suits everything.
        (expert({"65", "I"}, {"process"}), 0.1),
        # The group lists tiers or types: it must list the application's.
        (expert({"36"}, {"discrete"}, tiers={"smart_factory"}), 1.0),
        (expert({"36"}, {"discrete"}, tiers={"future_factory"}), 0.9),
        (expert({"36"}, {"discrete"}, types={"process"}), 0.9),
        (expert({"36"}, {"discrete"}, tiers={"smart_factory"}, types={"discrete", "process"}), 1.0),
        (expert(set(), set(), tiers={"digital_workshop"}), 0.0),
        # A division the table does not know matches only itself.
        (expert({"99"}, set()), 0.1),
    ],
)
def test_the_formula(facts: ExpertFacts, expected: float) -> None:
    assert affinity(facts, AUTOMOTIVE, WEIGHTS, section_of=SECTION_OF) == pytest.approx(expected)


def test_weights_change_the_proportions_only() -> None:
    facts = expert({"34"}, {"discrete"})
    doubled = AffinityWeights(100, 40, 40, 20)
    assert affinity(facts, AUTOMOTIVE, doubled, section_of=SECTION_OF) == affinity(
        facts, AUTOMOTIVE, WEIGHTS, section_of=SECTION_OF
    )
    only_division = AffinityWeights(1, 0, 0, 0)
    assert affinity(facts, AUTOMOTIVE, only_division, section_of=SECTION_OF) == 0.0
    assert affinity(expert({"36"}), AUTOMOTIVE, only_division, section_of=SECTION_OF) == 1.0
    assert affinity(expert({"36"}), AUTOMOTIVE, AffinityWeights(0, 0, 0, 0), section_of=SECTION_OF) == 0.0


def test_the_matrix_has_a_row_per_subject() -> None:
    experts = [expert({"36"}, {"discrete"}), expert({"C"}, {"process"}), expert({"65"})]
    subjects = [AUTOMOTIVE, SubjectFacts("65", "I", "process", "digital_workshop")]
    matrix = affinity_matrix(subjects, experts, WEIGHTS, section_of=SECTION_OF)
    assert matrix.shape == (2, 3) and matrix.dtype == np.float64
    assert matrix == pytest.approx(np.array([[1.0, 0.3, 0.1], [0.1, 0.3, 0.8]]))
    assert affinity_matrix([], experts, WEIGHTS, section_of=SECTION_OF).shape == (0, 3)
    assert affinity_matrix(subjects, [], WEIGHTS, section_of=SECTION_OF).shape == (2, 0)
    assert not affinity_matrix(subjects, experts, AffinityWeights(0, 0, 0, 0), section_of=SECTION_OF).any()


codes = st.sampled_from([*SECTION_OF, "C", "D", "I", "99"])
types = st.sampled_from(["discrete", "process"])
experts_ = st.builds(
    ExpertFacts,
    st.frozensets(codes, max_size=4),
    st.frozensets(types),
    st.frozensets(st.sampled_from(TIERS)),
    st.frozensets(types),
)
subjects_ = st.builds(
    lambda division, manufacturing, tier: SubjectFacts(division, SECTION_OF[division], manufacturing, tier),
    st.sampled_from(list(SECTION_OF)),
    types,
    st.sampled_from(TIERS),
)
weights_ = st.builds(AffinityWeights, *(st.integers(0, 100) for _ in range(4)))


@given(st.lists(subjects_, max_size=6), st.lists(experts_, max_size=6), weights_)
def test_affinity_lies_in_0_1_and_the_matrix_equals_it(subjects, experts, weights) -> None:
    matrix = affinity_matrix(subjects, experts, weights, section_of=SECTION_OF)
    assert matrix.shape == (len(subjects), len(experts))
    for i, subject in enumerate(subjects):
        for j, facts in enumerate(experts):
            value = affinity(facts, subject, weights, section_of=SECTION_OF)
            assert 0.0 <= value <= 1.0
            assert matrix[i, j] == value
