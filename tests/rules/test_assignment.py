"""The assignment: hard constraints always met, optimal against brute force, infeasibility explained."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartmfg.rules.experts.assignment import (
    Capacity,
    Infeasible,
    Instance,
    InvalidInstance,
    Slot,
    Solution,
    parse_instance,
    prepare,
    solve,
)


def instance(
    reviews: list[int],
    loads: list[tuple[int, int]],
    affinity: list[list[float]] | None = None,
    conflicts: set[tuple[str, str]] = frozenset(),
    forced: set[tuple[str, str]] = frozenset(),
) -> Instance:
    applications = tuple(Slot(f"a{i}", r) for i, r in enumerate(reviews))
    experts = tuple(Capacity(f"e{j}", low, high) for j, (low, high) in enumerate(loads))
    matrix = np.full((len(reviews), len(loads)), 0.5) if affinity is None else np.array(affinity, dtype=float)
    return Instance(applications, experts, matrix, frozenset(conflicts), frozenset(forced))


def assert_meets_every_constraint(inst: Instance, solution: Solution) -> None:
    assert list(solution.assignment) == [a.id for a in inst.applications]
    order = {e.id: j for j, e in enumerate(inst.experts)}
    for application in inst.applications:
        experts = solution.assignment[application.id]
        assert len(experts) == application.reviews
        assert len(set(experts)) == len(experts)
        assert [order[e] for e in experts] == sorted(order[e] for e in experts)  # the instance's order
        assert not {(application.id, e) for e in experts} & inst.conflicts
    loads = solution.loads()
    for expert in inst.experts:
        assert expert.min_load <= loads[expert.id] <= expert.max_load
    for application, expert in inst.forced:
        assert expert in solution.assignment[application]
    rows = {a.id: i for i, a in enumerate(inst.applications)}
    total = sum(inst.affinity[rows[a], order[e]] for a, es in solution.assignment.items() for e in es)
    assert solution.total_affinity == pytest.approx(total)


def brute_force(inst: Instance) -> float | None:
    """The best total over every assignment meeting the constraints, None when there is none."""
    choices = []
    for i, application in enumerate(inst.applications):
        options = []
        for experts in itertools.combinations(range(len(inst.experts)), application.reviews):
            ids = {inst.experts[j].id for j in experts}
            if any((application.id, e) in inst.conflicts for e in ids):
                continue
            if any(a == application.id and e not in ids for a, e in inst.forced):
                continue
            options.append((experts, sum(inst.affinity[i, j] for j in experts)))
        choices.append(options)
    best = None
    for combination in itertools.product(*choices):
        loads = Counter(j for experts, _ in combination for j in experts)
        if all(e.min_load <= loads[j] <= e.max_load for j, e in enumerate(inst.experts)):
            total = sum(value for _, value in combination)
            best = total if best is None or total > best else best
    return best


# Tiny instances: the optimum and infeasibility agree with brute force -------------------------------


@st.composite
def tiny(draw, max_apps: int = 4, max_experts: int = 4) -> Instance:
    n_apps = draw(st.integers(0, max_apps))
    n_experts = draw(st.integers(0, max_experts))
    reviews = draw(st.lists(st.integers(0, min(2, n_experts)), min_size=n_apps, max_size=n_apps))
    loads = []
    for _ in range(n_experts):
        low = draw(st.integers(0, 2))
        loads.append((low, draw(st.integers(low, 3))))
    # Thousandths: the solver's whole costs are then exact, and its optimum the true one.
    values = st.integers(0, 1000).map(lambda k: k / 1000)
    affinity = [draw(st.lists(values, min_size=n_experts, max_size=n_experts)) for _ in range(n_apps)]
    pairs = [(f"a{i}", f"e{j}") for i in range(n_apps) for j in range(n_experts)]
    conflicts = draw(st.sets(st.sampled_from(pairs))) if pairs else set()
    free = [p for p in pairs if p not in conflicts]
    forced = draw(st.sets(st.sampled_from(free), max_size=2)) if free else set()
    return instance(reviews, loads, affinity, conflicts, forced)


@settings(max_examples=300, deadline=None)
@given(tiny())
def test_tiny_instances_agree_with_brute_force(inst: Instance) -> None:
    best = brute_force(inst)
    try:
        solution = solve(inst)
    except Infeasible as infeasible:
        assert best is None, infeasible.reason.render("en")
        assert infeasible.reason.render("zh") and infeasible.reason.render("en")
        return
    assert best is not None
    assert_meets_every_constraint(inst, solution)
    assert solution.total_affinity == pytest.approx(best, abs=1e-9)


@st.composite
def medium(draw) -> Instance:
    n_apps = draw(st.integers(1, 40))
    n_experts = draw(st.integers(3, 20))
    reviews = draw(st.integers(1, 3))
    need = n_apps * reviews
    low = draw(st.integers(0, need // n_experts))
    high = draw(st.integers(max(low, -(-need // n_experts)), max(low, -(-need // n_experts)) + 3))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    affinity = rng.random((n_apps, n_experts)).tolist()
    conflicted = rng.random((n_apps, n_experts)) < draw(st.sampled_from([0.0, 0.05, 0.2]))
    conflicts = {(f"a{i}", f"e{j}") for i, j in zip(*np.nonzero(conflicted), strict=True)}
    return instance([reviews] * n_apps, [(low, high)] * n_experts, affinity, conflicts)


@settings(max_examples=60, deadline=None)
@given(medium())
def test_every_solution_meets_every_hard_constraint(inst: Instance) -> None:
    try:
        solution = solve(inst)
    except Infeasible:
        return
    assert_meets_every_constraint(inst, solution)


def test_a_small_case_by_hand() -> None:
    inst = instance(
        [2, 2],
        [(0, 2), (1, 1), (0, 1)],
        [[0.9, 0.1, 0.5], [0.8, 0.7, 0.2]],
        conflicts={("a0", "e1")},
        forced={("a1", "e0")},
    )
    solution = solve(inst)
    assert solution.assignment == {"a0": ("e0", "e2"), "a1": ("e0", "e1")}
    assert solution.total_affinity == pytest.approx(0.9 + 0.5 + 0.8 + 0.7)


def test_the_best_total_wins_over_greedy_choices() -> None:
    # Greedy would give e0 to a0 (0.9) and leave a1 with 0.1; together, a0 takes e1 and a1 takes e0.
    inst = instance([1, 1], [(0, 1), (0, 1)], [[0.9, 0.8], [0.85, 0.1]])
    assert solve(inst).assignment == {"a0": ("e1",), "a1": ("e0",)}


def test_minimum_loads_are_hard_bounds() -> None:
    # e1 is the worst match for everyone but must take two applications.
    inst = instance([1, 1, 1], [(0, 3), (2, 2)], [[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]])
    loads = solve(inst).loads()
    assert (loads["e0"], loads["e1"]) == (1, 2)


def test_nothing_to_assign() -> None:
    assert solve(instance([], [(0, 2)])).assignment == {}
    assert solve(instance([0, 0], [])).assignment == {"a0": (), "a1": ()}


# Infeasibility: each reason names the bound to relax ---------------------------------------------


@pytest.mark.parametrize(
    ("inst", "zh", "en"),
    [
        (
            instance([1], [(3, 2)]),
            "专家“e0”的最少分配数（min_load）3大于最多分配数（max_load）2",
            "expert 'e0' has a min_load of 3, more than their max_load of 2",
        ),
        (
            instance([100] * 5, [(0, 4)] * 100),
            "需要500人次评审，但专家最多只能承担400人次",
            "500 reviews are needed but the experts can take at most 400",
        ),
        (
            instance([1, 1], [(2, 3), (2, 3)]),
            "只需要2人次评审，但专家至少要承担4人次",
            "only 2 reviews are needed but the experts must take at least 4",
        ),
        (
            instance([3, 1], [(0, 2)] * 4, conflicts={("a0", "e0"), ("a0", "e1")}),
            "申报“a0”需要3名专家，但与其没有利益冲突的专家只有2名",
            "application 'a0' needs 3 experts but only 2 are free of conflict for it",
        ),
        (
            instance([1, 1, 1], [(2, 3), (0, 3)], conflicts={("a0", "e0"), ("a1", "e0")}),
            "专家“e0”至少要分配2项申报（min_load），但与其没有利益冲突的申报只有1项",
            "expert 'e0' must take at least 2 applications (min_load) but only 1 are free of conflict",
        ),
        (
            instance([1], [(0, 1), (0, 1)], forced={("a0", "e0"), ("a0", "e1")}),
            "申报“a0”指定了2名专家，多于其评审人数（reviews）1",
            "application 'a0' has 2 forced experts, more than its 1 reviews",
        ),
        (
            instance([1, 1], [(0, 1), (0, 2)], forced={("a0", "e0"), ("a1", "e0")}),
            "专家“e0”被指定评审2项申报，多于其最多分配数（max_load）1",
            "expert 'e0' is forced onto 2 applications, more than their max_load of 1",
        ),
        (
            instance([2, 1], [(0, 2), (1, 1), (0, 1)], conflicts={("a0", "e1")}, forced={("a1", "e0")}),
            "不存在可行的分配",
            "no assignment meets these reviews, load bounds and conflicts together",
        ),
    ],
)
def test_each_infeasibility_names_the_bound(inst: Instance, zh: str, en: str) -> None:
    with pytest.raises(Infeasible) as raised:
        solve(inst)
    assert zh in raised.value.reason.render("zh")
    assert en in raised.value.reason.render("en")


def test_forced_pairs_leaving_too_few_reviews_for_the_minimums() -> None:
    # a0 and a1 need 2 each; e0 is forced on both; e1 must take 2 but only 1 review per application is left,
    # and e2 must take 1 more: 2 reviews remain for minimums of 3.
    inst = instance([2, 2], [(0, 2), (2, 2), (1, 1)], forced={("a0", "e0"), ("a1", "e0")})
    with pytest.raises(Infeasible) as raised:
        solve(inst)
    assert raised.value.reason.render("en") == (
        "beyond the forced pairs 2 reviews remain, but the other experts' min_load add up to 3: "
        "lower min_load or force fewer pairs"
    )


def test_prepare_checks_before_building() -> None:
    with pytest.raises(Infeasible):
        prepare(instance([5], [(0, 1)]))
    assert prepare(instance([1], [(0, 1)])).solve().assignment == {"a0": ("e0",)}


# Reading the JSON form ---------------------------------------------------------------------------


def good() -> dict[str, object]:
    return {
        "applications": [{"id": 101, "reviews": 1}, {"id": "B", "reviews": 1}],
        "experts": [{"id": "ZJ0001", "min_load": 0, "max_load": 2}, {"id": 7, "min_load": 0, "max_load": 1}],
        "affinity": [[0.5, 1], [0, 0.25]],
        "conflicts": [[101, 7]],
    }


def test_parse_reads_ids_as_text() -> None:
    inst = parse_instance(good())
    assert [a.id for a in inst.applications] == ["101", "B"]
    assert [e.id for e in inst.experts] == ["ZJ0001", "7"]
    assert inst.conflicts == {("101", "7")} and inst.forced == frozenset()
    assert inst.affinity.tolist() == [[0.5, 1.0], [0.0, 0.25]]
    # 101 cannot have 7 (a conflict); B prefers 7 (0.25 against 0).
    assert solve(inst).assignment == {"101": ("ZJ0001",), "B": ("7",)}


def changed(path: tuple[object, ...], value: object) -> dict[str, object]:
    obj = good()
    target: object = obj
    for key in path[:-1]:
        target = target[key]  # type: ignore[index]
    if value is KeyError:
        del target[path[-1]]  # type: ignore[attr-defined]
    else:
        target[path[-1]] = value  # type: ignore[index]
    return obj


@pytest.mark.parametrize(
    ("obj", "expected"),
    [
        ([], "must be a JSON object"),
        (changed(("experts",), KeyError), "experts: is missing"),
        (changed(("extra",), 1), "extra: is not a field of this format"),
        (changed(("applications", 1, "reviews"), -2), "applications[1].reviews: cannot be negative (-2)"),
        (changed(("applications", 1, "reviews"), 1.5), "applications[1].reviews: must be a whole number, not '1.5'"),
        (changed(("applications", 0, "id"), True), "applications[0].id: must be non-empty text or a whole number"),
        (changed(("applications", 1, "id"), "101"), "applications[1].id: '101' is already applications[0].id"),
        (changed(("experts", 0, "max_load"), "2"), "experts[0].max_load: must be a whole number, not '2'"),
        (changed(("experts", 1, "min_load"), KeyError), "experts[1].min_load: is missing"),
        (changed(("affinity",), [[0.5, 1]]), "affinity: must have 2 rows, one per application, not 1"),
        (changed(("affinity", 1), [0.5]), "affinity[1]: must have 2 values, one per expert, not 1"),
        (changed(("affinity", 1, 1), 1.5), "affinity[1][1]: must be a number from 0 to 1, not '1.5'"),
        (changed(("affinity", 0, 1), "0.5"), "affinity[0][1]: must be a number from 0 to 1, not '0.5'"),
        (changed(("affinity", 0, 0), True), "affinity[0][0]: must be a number from 0 to 1"),
        (changed(("conflicts", 0), [101]), "conflicts[0]: must be a pair [application id, expert id]"),
        (changed(("conflicts", 0), [101, 8]), "conflicts[0][1]: no expert has the id '8'"),
        (changed(("conflicts", 0), ["C", 7]), "conflicts[0][0]: no application has the id 'C'"),
        (changed(("forced",), [["B", 7], [101, 7]]), "forced[1]: application '101' and expert '7' are conflicted"),
    ],
)
def test_malformed_input_names_the_path(obj: object, expected: str) -> None:
    with pytest.raises(InvalidInstance) as raised:
        parse_instance(obj)
    rendered = [p.render("en") for p in raised.value.problems]
    assert any(expected in line for line in rendered), rendered
    assert raised.value.render("zh")


def test_an_instance_built_by_hand_is_checked() -> None:
    with pytest.raises(InvalidInstance, match="affinity"):
        Instance((Slot("a", 1),), (Capacity("e", 0, 1),), np.zeros((2, 1)))
    with pytest.raises(InvalidInstance, match="forced"):
        Instance((Slot("a", 1),), (Capacity("e", 0, 1),), np.zeros((1, 1)), forced=frozenset({("a", "x")}))
    with pytest.raises(InvalidInstance) as raised:
        Instance((Slot("a", 1),), (Capacity("e", 0, 1),), [[0.5]], frozenset({("a", "e")}), frozenset({("a", "e")}))
    assert "conflicted" in raised.value.render("en")
