"""Time of a public notice's page (第十条) with a long list, as the public opens it.

    python bench/public_notice.py [--entries 300] [--seed 2024] [--repeat 20]
    DATABASE_URL=postgres://user@host:5432/anydb python bench/public_notice.py

Builds a scratch database as ``bench/whatif.py`` does (SQLite in a temporary
folder, or a ``smartmfg_bench`` database on a PostgreSQL server), stores
``entries`` applications of ``bench/generate.py`` with bulk inserts, puts them
on one open notice, then requests the notice's page, the notices' index and
the Atom feed through Django's test client (the whole stack: middleware,
access, template) as an anonymous visitor, and prints the best and median
time of ``repeat`` requests with the number of queries. The target: the
notice's page well under 100 ms, its queries the same for 3 entries as for 300.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.whatif import _queries, _store, scratch_database

TARGET_MS = 100.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=300, help="applications on the notice (default 300)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=20, help="timed requests of each page")
    args = parser.parse_args(argv)
    with scratch_database() as label:
        return _run(args, label)


def _run(args: argparse.Namespace, label: str) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host ("testserver") is allowed
    print(f"database: {label}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - started:.1f} s")

    from django.test import Client
    from django.urls import reverse

    call, _ = _store(args.entries, args.seed)
    notice = _notice(call, "large")
    small = _notice(call, "small", limit=3)
    client = Client()
    pages = {
        f"notice, {args.entries} entries": reverse("public_notices:notice", kwargs={"pk": notice.pk}),
        "notice, 3 entries": reverse("public_notices:notice", kwargs={"pk": small.pk}),
        "index": reverse("public_notices:index"),
        "feed.atom": reverse("public_notices:feed"),
    }
    timings: dict[str, float] = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        queries = _queries(lambda url=url: client.get(url))
        best, median = _time(lambda url=url: client.get(url), args.repeat)
        timings[name] = median
        print(f"{name:<22} best {best * 1000:6.1f} ms  median {median * 1000:6.1f} ms  {queries} queries")
    large = timings[f"notice, {args.entries} entries"] * 1000
    verdict = "ok" if large < TARGET_MS else "SLOW"
    print(f"target: the notice's page under {TARGET_MS:.0f} ms: {large:.1f} ms ({verdict})")
    return 0 if large < TARGET_MS else 1


def _notice(call: Any, title: str, *, limit: int | None = None) -> Any:
    """An open notice over the call's applications (bulk rows: the page is measured, not the steps)."""
    from django.utils import timezone

    from smartmfg.applications.models import Application
    from smartmfg.notices.models import PublicNotice

    today = timezone.localdate()
    applications = Application.objects.filter(call=call).order_by("id")
    chosen = list(
        applications.values_list("pk", flat=True)[:limit] if limit else applications.values_list("pk", flat=True)
    )
    Application.objects.filter(pk__in=chosen).update(status="in_notice", track="recognition")
    notice = PublicNotice.objects.create(
        call=call,
        title=f"基准测试公示（{title}）",
        body="现将拟认定名单予以公示。",
        starts_on=today,
        ends_on=today + dt.timedelta(days=7),
        contact="省工信厅规划处 0431-88888888",
        started_by=call.created_by,
    )
    notice.applications.set(chosen)
    return notice


def _time(fn: Any, repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(max(1, repeat)):
        gc.collect()
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return min(runs), statistics.median(runs)


if __name__ == "__main__":
    raise SystemExit(main())
