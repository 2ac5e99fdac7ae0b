"""What-if and verdict refresh over a call of stored applications.

    python bench/whatif.py [--n 10000] [--seed 2024] [--repeat 3]
    DATABASE_URL=postgres://user@host:5432/anydb python bench/whatif.py

Builds a scratch database (an SQLite file in a temporary folder; with a
PostgreSQL ``DATABASE_URL``, a database named ``smartmfg_bench`` on that
server, created and dropped by this script: the database named in the URL is
only used to issue CREATE and DROP DATABASE), migrates it, stores ``n``
applications of ``bench/generate.py`` (about 20 investment items each) with
bulk inserts, then times:

- ``bulk.load``: the facts of every application of the call;
- ``what_if``: judging all of them under the call's policy and a changed one
  (both directions and a track change), with the counts per tier and region;
- ``gates.step_verdicts``: the binding verdict of every application, judged on
  its submission's snapshot with the records as they stand (what a step checks);
- ``refresh_call_verdicts``: once writing every row's verdict columns, once
  with nothing to write.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BENCH_DB = "smartmfg_bench"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="applications (default 10000)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best counts")
    args = parser.parse_args(argv)
    with scratch_database() as label:
        _run(args, label)
    return 0


@contextmanager
def scratch_database() -> Iterator[str]:
    """Point Django at a database of our own for the duration, and remove it afterwards."""
    given = os.environ.get("DATABASE_URL", "")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartmfg.settings")
    if given.startswith(("postgres://", "postgresql://")):
        with _postgres(given) as url:
            os.environ["DATABASE_URL"] = url
            yield f"PostgreSQL ({BENCH_DB})"
        return
    with tempfile.TemporaryDirectory(prefix="smartmfg-bench-") as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        os.environ["SMARTMFG_DATA_DIR"] = folder
        yield "SQLite (scratch file)"


@contextmanager
def _postgres(given: str) -> Iterator[str]:
    import psycopg

    parts = urlsplit(given)
    if parts.path.lstrip("/") == BENCH_DB:
        raise SystemExit(f"give the URL of another database on the server, not {BENCH_DB} itself")
    admin_url = given
    bench_url = urlunsplit(parts._replace(path=f"/{BENCH_DB}"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        admin.execute(f"CREATE DATABASE {BENCH_DB}")
    try:
        yield bench_url
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")


def _run(args: argparse.Namespace, label: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    print(f"database: {label}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - started:.1f} s")

    from smartmfg.applications.models import Application
    from smartmfg.eligibility import bulk
    from smartmfg.eligibility.actions import refresh_call_verdicts
    from smartmfg.eligibility.gates import step_verdicts
    from smartmfg.eligibility.verdicts import what_if

    started = time.perf_counter()
    call, items = _store(args.n, args.seed)
    print(f"stored {args.n:,} applications ({items:,} investment items) in {time.perf_counter() - started:.1f} s")

    applications = Application.objects.filter(call=call)
    proposed = call.get_policy().with_changes(
        {
            "min_investment.digital_workshop": "16000000.00",  # newly eligible
            "min_credit_rating.smart_factory": "good",  # newly ineligible
            "cultivation_deadline": "2026-06-30",  # track changes
        }
    )
    load_time, loaded = _best(args.repeat, lambda: bulk.load(applications))
    queries = _queries(lambda: bulk.load(applications))
    print(f"bulk.load:   {load_time:.2f} s ({len(loaded):,} applications, {queries} queries)")
    whatif_time, result = _best(args.repeat, lambda: what_if(call, proposed))
    counts = ", ".join(
        f"{kind} {result.count(kind)}" for kind in ("newly_eligible", "newly_ineligible", "track_changed")
    )
    print(f"what_if:     {whatif_time:.2f} s ({result.judged:,} judged twice; {counts}; {len(result.regions)} regions)")
    gate_time, verdicts = _best(args.repeat, lambda: step_verdicts(applications))
    queries = _queries(lambda: step_verdicts(applications))
    print(f"step_verdicts: {gate_time:.2f} s ({len(verdicts):,} binding verdicts from snapshots, {queries} queries)")
    first = _timed(lambda: refresh_call_verdicts(call))
    print(f"refresh:     {first:.2f} s (every row written)")
    again, _ = _best(args.repeat, lambda: refresh_call_verdicts(call))
    print(f"refresh:     {again:.2f} s (nothing changed)")


def _store(n: int, seed: int) -> tuple[Any, int]:
    """A call and ``n`` submitted applications with their enterprises and records, in bulk inserts."""
    from django.db import transaction

    from bench.generate import generate
    from smartmfg.accounts.models import User
    from smartmfg.applications.models import Application, InvestmentItem, Scenario, Submission, Workshop
    from smartmfg.calls.models import Call
    from smartmfg.enterprises import models as records
    from smartmfg.enterprises.models import Enterprise
    from smartmfg.intake.importing import application_fields, investment_rows, scenario_rows, workshop_rows
    from smartmfg.jurisdictions.models import Jurisdiction
    from smartmfg.rules import facts_to_dict, parse_application

    facts = [parse_application(document) for document in generate(n, seed)]
    bureaus = {j.code: j for j in Jurisdiction.objects.filter(parent__isnull=False, code__isnull=False)}
    with transaction.atomic():
        officer = User.objects.create(username="bench", name="bench", is_department=True)
        now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        call = Call.objects.create(
            year=2026,
            title="基准测试批次",
            opens_at=now,
            closes_at=now + dt.timedelta(days=60),
            bureau_review_deadline=dt.date(2026, 6, 30),
            status="open",
            created_by=officer,
        )
        enterprises: dict[str, Enterprise] = {}
        for f in facts:
            e = f.enterprise
            enterprises.setdefault(
                e.uscc,
                Enterprise(
                    name=e.name,
                    uscc=e.uscc,
                    legal_status=e.legal_status,
                    pays_tax_in_province=e.pays_tax_in_province,
                    registered_division=e.region_code,
                    jurisdiction=bureaus[e.region_code],
                ),
            )
        Enterprise.objects.bulk_create(enterprises.values(), batch_size=1000)
        rows: list[Any] = []
        for f in facts:
            owner = enterprises[f.enterprise.uscc]
            common = {"enterprise": owner, "recorded_by": officer, "source": "bench"}
            if f.credit_check is not None:
                c = f.credit_check
                rows.append(
                    records.CreditCheck(
                        rating=c.rating,
                        on_abnormal_list=c.on_abnormal_list,
                        on_serious_dishonesty_list=c.on_serious_dishonesty_list,
                        checked_on=c.checked_on,
                        **common,
                    )
                )
            rows += [records.Violation(occurred_on=v.date, description=v.description, **common) for v in f.violations]
            rows += [
                records.MajorIncident(occurred_on=i.date, kind=i.kind, description=i.description, **common)
                for i in f.major_incidents
            ]
            rows += [records.Revocation(revoked_on=r.date, reason=r.reason, **common) for r in f.revocations]
        for model in (records.CreditCheck, records.Violation, records.MajorIncident, records.Revocation):
            model.objects.bulk_create([r for r in rows if type(r) is model], batch_size=1000)
        applications = [
            Application(
                reference=f"2026-B-{i:05d}",
                call=call,
                enterprise=enterprises[f.enterprise.uscc],
                tier=f.tier,
                jurisdiction=enterprises[f.enterprise.uscc].jurisdiction,
                holder=enterprises[f.enterprise.uscc].jurisdiction,
                status="submitted",
                applied_on=f.applied_on,
                submission_count=1,
                created_by=officer,
                **application_fields(f),
            )
            for i, f in enumerate(facts)
        ]
        Application.objects.bulk_create(applications, batch_size=1000)
        items = [row for a, f in zip(applications, facts, strict=True) for row in investment_rows(a, f)]
        InvestmentItem.objects.bulk_create(items, batch_size=2000)
        Workshop.objects.bulk_create(
            [row for a, f in zip(applications, facts, strict=True) for row in workshop_rows(a, f)], batch_size=2000
        )
        Scenario.objects.bulk_create(
            [row for a, f in zip(applications, facts, strict=True) for row in scenario_rows(a, f)], batch_size=2000
        )
        # Each one as submitted: the snapshot the steps judge on (eligibility/gates.py).
        Submission.objects.bulk_create(
            [
                Submission(
                    application=a,
                    number=1,
                    submitted_at=now,
                    submitted_by=officer,
                    snapshot={"application": facts_to_dict(f)},
                    verdict={},
                )
                for a, f in zip(applications, facts, strict=True)
            ],
            batch_size=1000,
        )
    return call, len(items)


def _timed(fn: Callable[[], Any]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _best(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(max(1, repeat)):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def _queries(fn: Callable[[], Any]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


if __name__ == "__main__":
    raise SystemExit(main())
