"""Throughput of the eligibility core on one core.

    python bench/eligibility_core.py [--n 10000] [--seed 2024] [--repeat 5]

Generates ``n`` applications, parses them to facts once, then times ``judge``
over all of them (best of ``repeat`` runs) and, separately, the rendering of
every verdict's messages in Chinese and English (``Verdict.to_dict``).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate
from smartmfg.rules import ApplicationFacts, Verdict, judge, parse_application


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="applications (default 10000)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of judge; the best counts")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    documents = generate(args.n, args.seed)
    generated = time.perf_counter()
    facts = [parse_application(document) for document in documents]
    parsed = time.perf_counter()
    del documents  # only the facts stay in memory while judging, as in a real batch
    items = sum(len(f.investments) for f in facts)
    print(f"generated {args.n:,} applications ({items:,} investment items) in {generated - started:.2f} s")
    print(f"parsed to facts in {parsed - generated:.2f} s ({args.n / (parsed - generated):,.0f} applications/s)")

    best, verdicts = _time_judge(facts, args.repeat)
    each = best * 1e6 / args.n
    print(f"judge:  {args.n / best:,.0f} applications/s  ({each:.1f} µs each, best of {args.repeat})")

    rendered = _time_render(verdicts)
    print(f"render: {args.n / rendered:,.0f} verdicts/s in zh and en ({rendered * 1e6 / args.n:.1f} µs each)")
    _summary(verdicts)
    return 0


def _time_judge(facts: list[ApplicationFacts], repeat: int) -> tuple[float, list[Verdict]]:
    best = float("inf")
    verdicts: list[Verdict] = []
    for _ in range(max(1, repeat)):
        verdicts = []
        gc.collect()
        start = time.perf_counter()
        verdicts = [judge(f) for f in facts]
        best = min(best, time.perf_counter() - start)
    return best, verdicts


def _time_render(verdicts: list[Verdict]) -> float:
    gc.collect()
    start = time.perf_counter()
    for verdict in verdicts:
        verdict.to_dict("zh")
        verdict.to_dict("en")
    return time.perf_counter() - start


def _summary(verdicts: list[Verdict]) -> None:
    eligible = sum(v.eligible for v in verdicts)
    tracks = Counter(v.track for v in verdicts)
    failures = Counter(c.rule for v in verdicts for c in v.checks if c.result == "fail")
    print(f"eligible: {eligible:,} of {len(verdicts):,}; tracks: {dict(tracks)}")
    print("failures by rule: " + ", ".join(f"{rule} {count}" for rule, count in failures.most_common()))


if __name__ == "__main__":
    raise SystemExit(main())
