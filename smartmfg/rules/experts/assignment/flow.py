"""Solving an assignment: the feasibility checks, the min-cost flow network, the answer (第九条).

The network, with R the reviews to place:

    source ──(max_load − min_load)──▶ expert ──(1, −affinity)──▶ application ──(reviews)──▶ sink

The source supplies R − Σ min_load, each expert ``min_load`` of their own, the
sink takes R; so an expert's load is ``min_load`` plus what the source
sends, never less, never more than ``max_load``, and each application's arc
to the sink is full. A conflict is an arc that does not exist. Forced pairs
are taken out first (their application needs one review fewer, their expert
has one place less) and added back to the answer. Costs are whole numbers:
−round(affinity × 10⁶).

What cannot be met is said before solving, naming the bound to relax
(``Infeasible.reason``); only what the checks cannot see reaches the solver,
whose "infeasible" gets a general reason.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
from ortools.graph.python import min_cost_flow

from ...text import Lang, Text
from .instance import Instance, Matrix

COST_SCALE: Final = 1_000_000

REASONS: Final[dict[str, dict[Lang, str]]] = {
    "bounds": {
        "zh": "专家“{expert}”的最少分配数（min_load）{min_load}大于最多分配数（max_load）{max_load}",
        "en": "expert '{expert}' has a min_load of {min_load}, more than their max_load of {max_load}",
    },
    "forced_application": {
        "zh": "申报“{application}”指定了{forced}名专家，多于其评审人数（reviews）{reviews}",
        "en": "application '{application}' has {forced} forced experts, more than its {reviews} reviews",
    },
    "forced_expert": {
        "zh": "专家“{expert}”被指定评审{forced}项申报，多于其最多分配数（max_load）{max_load}",
        "en": "expert '{expert}' is forced onto {forced} applications, more than their max_load of {max_load}",
    },
    "capacity": {
        "zh": "需要{reviews}人次评审，但专家最多只能承担{capacity}人次：请增加专家、提高最多分配数（max_load）"
        "或减少评审人数（reviews）",
        "en": "{reviews} reviews are needed but the experts can take at most {capacity}: add experts, raise "
        "max_load or lower reviews",
    },
    "minimum": {
        "zh": "只需要{reviews}人次评审，但专家至少要承担{minimum}人次：请降低最少分配数（min_load）、减少专家"
        "或增加评审人数（reviews）",
        "en": "only {reviews} reviews are needed but the experts must take at least {minimum}: lower min_load, "
        "use fewer experts or raise reviews",
    },
    "application_free": {
        "zh": "申报“{application}”需要{reviews}名专家，但与其没有利益冲突的专家只有{free}名：请增加专家或减少该申报的"
        "评审人数（reviews）",
        "en": "application '{application}' needs {reviews} experts but only {free} are free of conflict for it: "
        "add experts or lower its reviews",
    },
    "expert_free": {
        "zh": "专家“{expert}”至少要分配{min_load}项申报（min_load），但与其没有利益冲突的申报只有{free}项：请降低"
        "其最少分配数",
        "en": "expert '{expert}' must take at least {min_load} applications (min_load) but only {free} are free of "
        "conflict for them: lower their min_load",
    },
    "forced_minimum": {
        "zh": "除指定的专家外还需{reviews}人次评审，但其余专家的最少分配数合计{minimum}人次：请降低最少分配数"
        "（min_load）或减少指定",
        "en": "beyond the forced pairs {reviews} reviews remain, but the other experts' min_load add up to "
        "{minimum}: lower min_load or force fewer pairs",
    },
    "solver": {
        "zh": "在这些评审人数、分配数上下限和回避关系下不存在可行的分配：请放宽专家的分配数上下限（min_load、"
        "max_load）、增加专家或减少评审人数",
        "en": "no assignment meets these reviews, load bounds and conflicts together: widen the experts' "
        "min_load and max_load, add experts or lower reviews",
    },
}


class Infeasible(Exception):
    """No assignment meets the hard constraints; ``reason`` says which bound to relax."""

    def __init__(self, reason: Text) -> None:
        super().__init__(reason.render("zh"))
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Solution:
    """Each application's experts (in the instance's order of experts) and the total affinity of all pairs."""

    assignment: dict[str, tuple[str, ...]]
    total_affinity: float

    def loads(self) -> Counter[str]:
        return Counter(expert for experts in self.assignment.values() for expert in experts)


@dataclass(frozen=True)
class Network:
    """The flow network of an instance, ready to solve (``prepare`` builds it, ``solve`` solves it)."""

    instance: Instance
    flow: min_cost_flow.SimpleMinCostFlow
    pair_arcs: npt.NDArray[np.int32]
    pair_rows: npt.NDArray[np.intp]
    pair_cols: npt.NDArray[np.intp]
    forced: npt.NDArray[np.bool_]

    def solve(self) -> Solution:
        """The optimal assignment; ``Infeasible`` with the general reason if the solver finds none."""
        status = self.flow.solve()
        if status == self.flow.INFEASIBLE:
            raise Infeasible(Text(REASONS, "solver"))
        if status != self.flow.OPTIMAL:
            raise RuntimeError(f"the min-cost flow solver stopped with status {status}")
        used = np.asarray(self.flow.flows(self.pair_arcs)) > 0
        chosen = self.forced.copy()
        chosen[self.pair_rows[used], self.pair_cols[used]] = True
        return _solution(self.instance, chosen)


def solve(instance: Instance) -> Solution:
    """The assignment of the highest total affinity meeting every hard constraint, or ``Infeasible``."""
    return prepare(instance).solve()


def prepare(instance: Instance) -> Network:
    """Check what can be checked before solving (``Infeasible``, naming the bound) and build the network."""
    conflicts = instance.matrix(instance.conflicts)
    forced = instance.matrix(instance.forced)
    _check_feasible(instance, conflicts, forced)
    reviews = np.array([a.reviews for a in instance.applications], dtype=np.int64) - forced.sum(axis=1)
    forced_load = forced.sum(axis=0)
    max_load = np.array([e.max_load for e in instance.experts], dtype=np.int64) - forced_load
    min_load = np.maximum(np.array([e.min_load for e in instance.experts], dtype=np.int64) - forced_load, 0)
    if reviews.sum() < min_load.sum():
        params = {"reviews": int(reviews.sum()), "minimum": int(min_load.sum())}
        raise Infeasible(Text(REASONS, "forced_minimum", params))
    rows, cols = np.nonzero(~(conflicts | forced))
    flow, pair_arcs = _network(instance.affinity, rows, cols, reviews, min_load, max_load)
    return Network(instance, flow, pair_arcs, rows, cols, forced)


def _check_feasible(instance: Instance, conflicts: npt.NDArray[np.bool_], forced: npt.NDArray[np.bool_]) -> None:
    """Raise ``Infeasible`` with the first bound that cannot be met, from the simplest to the most particular."""
    apps, experts = instance.applications, instance.experts
    for expert in experts:
        if expert.min_load > expert.max_load:
            raise Infeasible(
                Text(
                    REASONS,
                    "bounds",
                    {"expert": expert.id, "min_load": expert.min_load, "max_load": expert.max_load},
                )
            )
    for application, count in zip(apps, forced.sum(axis=1), strict=True):
        if count > application.reviews:
            params = {"application": application.id, "forced": int(count), "reviews": application.reviews}
            raise Infeasible(Text(REASONS, "forced_application", params))
    for expert, count in zip(experts, forced.sum(axis=0), strict=True):
        if count > expert.max_load:
            params = {"expert": expert.id, "forced": int(count), "max_load": expert.max_load}
            raise Infeasible(Text(REASONS, "forced_expert", params))
    reviews = sum(a.reviews for a in apps)
    capacity = sum(e.max_load for e in experts)
    if reviews > capacity:
        raise Infeasible(Text(REASONS, "capacity", {"reviews": reviews, "capacity": capacity}))
    minimum = sum(e.min_load for e in experts)
    if reviews < minimum:
        raise Infeasible(Text(REASONS, "minimum", {"reviews": reviews, "minimum": minimum}))
    # An expert reviews an application once: the free pairs bound both sides.
    free = ~conflicts
    for application, count in zip(apps, free.sum(axis=1), strict=True):
        if application.reviews > count:
            params = {"application": application.id, "reviews": application.reviews, "free": int(count)}
            raise Infeasible(Text(REASONS, "application_free", params))
    for expert, count in zip(experts, free.sum(axis=0), strict=True):
        if expert.min_load > count:
            params = {"expert": expert.id, "min_load": expert.min_load, "free": int(count)}
            raise Infeasible(Text(REASONS, "expert_free", params))


def _network(
    affinity: Matrix,
    rows: npt.NDArray[np.intp],
    cols: npt.NDArray[np.intp],
    reviews: npt.NDArray[np.int64],
    min_load: npt.NDArray[np.int64],
    max_load: npt.NDArray[np.int64],
) -> tuple[min_cost_flow.SimpleMinCostFlow, npt.NDArray[np.int32]]:
    """Nodes: 0 the source, 1..E the experts, E+1..E+A the applications, E+A+1 the sink."""
    n_apps, n_experts = affinity.shape
    source, sink = 0, n_experts + n_apps + 1
    expert_nodes = np.arange(1, n_experts + 1, dtype=np.int32)
    app_nodes = np.arange(n_experts + 1, n_experts + n_apps + 1, dtype=np.int32)
    flow = min_cost_flow.SimpleMinCostFlow()
    # The pairs first, so their arcs are numbered 0..len(rows)-1.
    pair_arcs = flow.add_arcs_with_capacity_and_unit_cost(
        expert_nodes[cols],
        app_nodes[rows],
        np.ones(len(rows), dtype=np.int64),
        -np.rint(affinity[rows, cols] * COST_SCALE).astype(np.int64),
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        np.full(n_experts, source, dtype=np.int32),
        expert_nodes,
        max_load - min_load,
        np.zeros(n_experts, dtype=np.int64),
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        app_nodes, np.full(n_apps, sink, dtype=np.int32), reviews, np.zeros(n_apps, dtype=np.int64)
    )
    total = int(reviews.sum())
    supplies = np.concatenate([[total - int(min_load.sum())], min_load, np.zeros(n_apps, np.int64), [-total]])
    flow.set_nodes_supplies(np.arange(sink + 1, dtype=np.int32), supplies.astype(np.int64))
    return flow, np.asarray(pair_arcs, dtype=np.int32)


def _solution(instance: Instance, chosen: npt.NDArray[np.bool_]) -> Solution:
    ids = [e.id for e in instance.experts]
    assignment = {
        application.id: tuple(ids[j] for j in np.flatnonzero(row))
        for application, row in zip(instance.applications, chosen, strict=True)
    }
    return Solution(assignment, float(instance.affinity[chosen].sum()))
