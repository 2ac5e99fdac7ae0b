"""Time of the optimal assignment of experts (one joint min-cost flow) on a call's worth of applications.

    python bench/assignment.py [--applications 2000] [--experts 600] [--reviews 5] [--min-load 15]
                               [--max-load 18] [--conflicts 0.02] [--seed 2026] [--repeat 3]

Dense random affinities and conflicts from a seeded generator; each run
builds the instance (its checks), prepares the network (the feasibility
checks and the arcs, added in bulk) and solves it, each timed apart, and
checks the answer against every hard constraint. The target: under 2 s in all.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from smartmfg.rules.experts.affinity import ExpertFacts, SubjectFacts, affinity_matrix
from smartmfg.rules.experts.assignment import Capacity, Instance, Slot, Solution, prepare
from smartmfg.rules.facts import TIERS
from smartmfg.rules.policy import DEFAULT_POLICY


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--applications", type=int, default=2000)
    parser.add_argument("--experts", type=int, default=600)
    parser.add_argument("--reviews", type=int, default=5, help="reviews per application (default 5)")
    parser.add_argument("--min-load", type=int, default=15)
    parser.add_argument("--max-load", type=int, default=18)
    parser.add_argument("--conflicts", type=float, default=0.02, help="share of conflicted pairs (default 0.02)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; best and worst are printed")
    args = parser.parse_args(argv)

    rng = np.random.default_rng(args.seed)
    _time_affinity(rng, args.applications, args.experts)
    affinity = rng.random((args.applications, args.experts))
    conflicted = np.argwhere(rng.random((args.applications, args.experts)) < args.conflicts)
    applications = tuple(Slot(f"A{i:05d}", args.reviews) for i in range(args.applications))
    experts = tuple(Capacity(f"ZJ{j:04d}", args.min_load, args.max_load) for j in range(args.experts))
    conflicts = frozenset((applications[i].id, experts[j].id) for i, j in conflicted)
    pairs = args.applications * args.experts - len(conflicts)
    print(
        f"{args.applications:,} applications × {args.experts:,} experts, {args.reviews} reviews each, "
        f"loads {args.min_load}-{args.max_load}, {len(conflicts):,} conflicts ({pairs:,} arcs between them)"
    )

    timings: dict[str, list[float]] = {"instance": [], "prepare": [], "solve": [], "total": []}
    solution = None
    for _ in range(max(1, args.repeat)):
        gc.collect()
        start = time.perf_counter()
        instance = Instance(applications, experts, affinity, conflicts)
        built = time.perf_counter()
        network = prepare(instance)
        prepared = time.perf_counter()
        solution = network.solve()
        solved = time.perf_counter()
        for name, seconds in (
            ("instance", built - start),
            ("prepare", prepared - built),
            ("solve", solved - prepared),
            ("total", solved - start),
        ):
            timings[name].append(seconds)
    assert solution is not None
    for name, label in (
        ("instance", "build the instance (checks)"),
        ("prepare", "prepare: feasibility checks and arcs"),
        ("solve", "solve the min-cost flow"),
        ("total", "total"),
    ):
        runs = timings[name]
        print(f"{label:<38} {min(runs):6.3f} s best, {max(runs):6.3f} s worst of {len(runs)}")
    _check(instance, solution)
    mean = solution.total_affinity / (args.applications * args.reviews)
    print(f"total affinity {solution.total_affinity:,.3f} (mean {mean:.3f} a review; the mean of random ones is 0.5)")
    return 0


def _time_affinity(rng: np.random.Generator, n_subjects: int, n_experts: int) -> None:
    """``affinity_matrix`` over random facts: manufacturing divisions 13-43, both types, the three tiers."""
    divisions = [f"{n:02d}" for n in range(13, 44)]
    section_of = dict.fromkeys(divisions, "C")
    types = ("discrete", "process")
    subjects = [
        SubjectFacts(str(rng.choice(divisions)), "C", str(rng.choice(types)), str(rng.choice(TIERS)))
        for _ in range(n_subjects)
    ]
    experts = [
        ExpertFacts(
            frozenset(str(d) for d in rng.choice(divisions, size=int(rng.integers(1, 4)), replace=False)),
            frozenset(types[: int(rng.integers(1, 3))]),
            frozenset(str(t) for t in rng.choice(TIERS, size=int(rng.integers(0, 3)), replace=False)),
        )
        for _ in range(n_experts)
    ]
    gc.collect()
    start = time.perf_counter()
    matrix = affinity_matrix(subjects, experts, DEFAULT_POLICY.affinity_weight, section_of=section_of)
    seconds = time.perf_counter() - start
    print(f"affinity_matrix {matrix.shape[0]:,} × {matrix.shape[1]:,}: {seconds:.3f} s (mean {matrix.mean():.3f})")


def _check(instance: Instance, solution: Solution) -> None:
    """Every hard constraint, so a fast wrong answer cannot pass for a result."""
    loads = solution.loads()
    assert all(e.min_load <= loads[e.id] <= e.max_load for e in instance.experts)
    for application in instance.applications:
        chosen = solution.assignment[application.id]
        assert len(set(chosen)) == len(chosen) == application.reviews
        assert not {(application.id, e) for e in chosen} & instance.conflicts
    print("every application has its reviews, every load is within its bounds, no conflict is assigned")


if __name__ == "__main__":
    raise SystemExit(main())
