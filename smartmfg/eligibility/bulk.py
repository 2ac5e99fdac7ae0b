"""The facts of many applications at once, in a handful of queries.

``eligibility/gathering.py`` gathers one application's facts through its
relations, a few queries each; that is right for a page and wrong for a
call of ten thousand applications. ``load`` reads the same facts for any
queryset of applications with one query per table (applications,
enterprises, credit checks, unlawful acts, incidents, revocations,
investments, workshops, scenarios), never one per application, and builds
exactly what ``application_facts`` builds: same values, same order.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db import connections
from django.db.models import CharField, F, Model, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from smartmfg.applications.models import Application, InvestmentItem, Judgement, Scenario, Submission, Workshop
from smartmfg.applications.states import EDITABLE
from smartmfg.calls.models import Call
from smartmfg.enterprises.models import CreditCheck, Enterprise, MajorIncident, Revocation, Violation
from smartmfg.rules import facts as core
from smartmfg.rules.policy import Policy
from smartmfg.rules.schema import parse_application


@dataclass(frozen=True, slots=True)
class Stored:
    """What the application row says about itself besides its facts: identity, place, stored verdict."""

    pk: int
    reference: str
    call_id: int
    enterprise_id: int
    enterprise_name: str
    jurisdiction_id: int
    tier: str
    status: str
    verdict_eligible: bool | None
    verdict_track: str
    verdict_results: dict[str, str]
    eligible_investment: Decimal


@dataclass(frozen=True, slots=True)
class Loaded:
    """One application: its row and the facts the core judges."""

    stored: Stored
    facts: core.ApplicationFacts


_APPLICATION_COLUMNS = (
    "pk",
    "reference",
    "call_id",
    "enterprise_id",
    "jurisdiction_id",
    "tier",
    "status",
    "verdict_eligible",
    "verdict_track",
    "verdict_results",
    "eligible_investment",
    "applied_on",
    "project_name",
    "project_division",
    "construction_status",
    "production_started_on",
    "expected_completion_on",
    "maturity_level",
    "maturity_score",
    "maturity_assessed_on",
    "maturity_report_no",
)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building many small objects.

    Loading a call creates hundreds of thousands of facts and checks, none of
    them in a reference cycle (reference counting frees them all), but their
    number triggers full collections of the whole heap, which took a third of
    the time of a what-if over 10,000 applications (docs/benchmarks.md).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(applications: QuerySet[Application], *, today: dt.date | None = None) -> list[Loaded]:
    """Every application of ``applications`` with its facts, in primary-key order.

    An application the enterprise may still edit (a draft, or one returned or
    withdrawn) is judged as of ``today`` (default: today in Asia/Shanghai), any
    other as of its application date, as ``facts.judging_date`` does.
    """
    with paused_gc():
        return _load(applications, today or timezone.localdate())


def _load(
    applications: QuerySet[Application], today: dt.date, rows: list[dict[str, Any]] | None = None
) -> list[Loaded]:
    if rows is None:
        rows = list(applications.order_by("pk").values(*_APPLICATION_COLUMNS))
    if not rows:
        return []
    ids = applications.values("pk")
    records = _records(applications.values("enterprise_id"), ids)
    investments = _investments(ids)
    workshops = _by_owner(Workshop.objects.filter(application_id__in=ids), "application_id", ("name",), lambda r: r[0])
    scenarios = _by_owner(
        Scenario.objects.filter(application_id__in=ids),
        "application_id",
        ("area", "title"),
        lambda r: core.Scenario(r[0], r[1]),
    )
    loaded = []
    for row in rows:
        pk = row["pk"]
        facts = core.ApplicationFacts(
            tier=row["tier"],
            applied_on=_judging_date(row, today),
            judged_on=today,
            enterprise=records.enterprise(row["enterprise_id"]),
            project=_project(row, workshops.get(pk, ()), scenarios.get(pk, ())),
            investments=investments.get(pk, ()),
            maturity=_maturity(row),
        )
        loaded.append(Loaded(_stored(row, records), records.complete(pk, row["enterprise_id"], facts)))
    return loaded


def load_as_submitted(applications: QuerySet[Application], *, today: dt.date | None = None) -> list[Loaded]:
    """As ``load``, but an application in the procedure is taken as it was last submitted.

    The project, investments and maturity come from the latest submission's
    snapshot (what the enterprise submitted, never a later edit), the
    enterprise and its records as they stand ``today``, and the people's
    judgements as recorded: the facts every step after submission is judged
    on (domain.md §6). An application the enterprise may still edit is
    judged as ``load`` judges it, as of today (and so is one without a
    snapshot, which only rows written around the actions can be).
    """
    today = today or timezone.localdate()
    with paused_gc():
        rows = list(applications.order_by("pk").values(*_APPLICATION_COLUMNS, "submission_count"))
        in_procedure = [row["pk"] for row in rows if row["status"] not in EDITABLE and row["submission_count"]]
        snapshots = dict(
            Submission.objects.filter(
                application_id__in=in_procedure, number=F("application__submission_count")
            ).values_list("application_id", "snapshot")
        )
        if not snapshots:
            return _load(applications, today, rows)
        live = {item.stored.pk: item for item in _load(applications.exclude(pk__in=snapshots), today)}
        records = _records(applications.values("enterprise_id"), applications.values("pk"))
        loaded = []
        for row in rows:
            pk = row["pk"]
            if pk in live:
                loaded.append(live[pk])
                continue
            facts = replace(parse_application(snapshots[pk]["application"]), judged_on=today)
            facts = replace(facts, enterprise=records.enterprise(row["enterprise_id"]))
            loaded.append(Loaded(_stored(row, records), records.complete(pk, row["enterprise_id"], facts)))
        return loaded


def _stored(row: Mapping[str, Any], records: _Records) -> Stored:
    return Stored(
        pk=row["pk"],
        reference=row["reference"],
        call_id=row["call_id"],
        enterprise_id=row["enterprise_id"],
        enterprise_name=records.enterprises[row["enterprise_id"]][0],
        jurisdiction_id=row["jurisdiction_id"],
        tier=row["tier"],
        status=row["status"],
        verdict_eligible=row["verdict_eligible"],
        verdict_track=row["verdict_track"],
        verdict_results=row["verdict_results"] or {},
        eligible_investment=row["eligible_investment"],
    )


@dataclass(frozen=True, slots=True)
class _Records:
    """The enterprises of a set of applications with their records, and the applications' judgements."""

    enterprises: dict[int, tuple[str, core.EnterpriseFacts]]
    credit: dict[int, core.CreditCheckFacts]
    violations: dict[int, tuple[core.Violation, ...]]
    incidents: dict[int, tuple[core.MajorIncident, ...]]
    revocations: dict[int, tuple[core.Revocation, ...]]
    judgements: dict[int, tuple[core.ManualJudgement, ...]]

    def enterprise(self, enterprise_id: int) -> core.EnterpriseFacts:
        return self.enterprises[enterprise_id][1]

    def complete(self, pk: int, enterprise_id: int, facts: core.ApplicationFacts) -> core.ApplicationFacts:
        """``facts`` with the enterprise's records and the application's judgements as they stand."""
        return replace(
            facts,
            credit_check=self.credit.get(enterprise_id),
            violations=self.violations.get(enterprise_id, ()),
            major_incidents=self.incidents.get(enterprise_id, ()),
            revocations=self.revocations.get(enterprise_id, ()),
            judgements=self.judgements.get(pk, ()),
        )


def _records(enterprise_ids: QuerySet[Any], ids: QuerySet[Any]) -> _Records:
    return _Records(
        enterprises=_enterprises(enterprise_ids),
        credit=_latest_credit_checks(enterprise_ids),
        violations=_by_owner(
            Violation.objects.filter(enterprise_id__in=enterprise_ids),
            "enterprise_id",
            ("occurred_on", "description"),
            lambda r: core.Violation(r[0], r[1]),
        ),
        incidents=_by_owner(
            MajorIncident.objects.filter(enterprise_id__in=enterprise_ids),
            "enterprise_id",
            ("occurred_on", "kind", "description"),
            lambda r: core.MajorIncident(r[0], r[1], r[2]),
        ),
        revocations=_by_owner(
            Revocation.objects.filter(enterprise_id__in=enterprise_ids),
            "enterprise_id",
            ("revoked_on", "reason"),
            lambda r: core.Revocation(r[0], r[1]),
        ),
        judgements=latest_judgements(ids),
    )


def latest_judgements(ids: QuerySet[Any] | Iterable[int]) -> dict[int, tuple[core.ManualJudgement, ...]]:
    """The latest judgement of each manual rule, by application (earlier ones stay as history)."""
    latest: dict[int, dict[str, core.ManualJudgement]] = defaultdict(dict)
    rows = (
        Judgement.objects.filter(application_id__in=ids)
        .order_by("application_id", "judged_at", "id")
        .values_list("application_id", "rule", "result", "note")
    )
    for owner, rule, result, note in rows:
        latest[owner][rule] = core.ManualJudgement(rule, result, note)  # type: ignore[arg-type]
    return {owner: tuple(by_rule[r] for r in sorted(by_rule)) for owner, by_rule in latest.items()}


def _judging_date(row: Mapping[str, Any], today: dt.date) -> dt.date:
    """As ``facts.judging_date``: today while the enterprise may still edit it, else its application date."""
    if row["status"] in EDITABLE or row["applied_on"] is None:
        return today
    applied_on: dt.date = row["applied_on"]
    return applied_on


def policies_for(loaded: Iterable[Loaded]) -> dict[int, Policy]:
    """The policy of every call the applications belong to (one query)."""
    call_ids = {item.stored.call_id for item in loaded}
    return {
        pk: Policy.from_dict(policy) for pk, policy in Call.objects.filter(pk__in=call_ids).values_list("pk", "policy")
    }


def _enterprises(ids: QuerySet[Any]) -> dict[int, tuple[str, core.EnterpriseFacts]]:
    columns = ("pk", "name", "uscc", "legal_status", "pays_tax_in_province", "registered_division")
    return {
        pk: (name, core.EnterpriseFacts(name, uscc, status, pays_tax, division))
        for pk, name, uscc, status, pays_tax, division in Enterprise.objects.filter(pk__in=ids).values_list(*columns)
    }


def _latest_credit_checks(enterprise_ids: QuerySet[Any]) -> dict[int, core.CreditCheckFacts]:
    """The latest credit check of each enterprise (by date, then by entry), as ``application_facts`` takes it."""
    latest: dict[int, core.CreditCheckFacts] = {}
    rows = (
        CreditCheck.objects.filter(enterprise_id__in=enterprise_ids)
        .order_by("enterprise_id", "-checked_on", "-id")
        .values_list("enterprise_id", "rating", "on_abnormal_list", "on_serious_dishonesty_list", "checked_on")
    )
    for enterprise_id, rating, abnormal, dishonest, checked_on in rows:
        if enterprise_id not in latest:
            latest[enterprise_id] = core.CreditCheckFacts(rating, abnormal, dishonest, checked_on)  # type: ignore[arg-type]
    return latest


def _investments(ids: QuerySet[Any]) -> dict[int, tuple[core.InvestmentFacts, ...]]:
    """Investment items by application: the one large table (about twenty rows an application).

    Read through the database cursor rather than the ORM's per-value
    converters, which cost more than the query itself at this size. The date
    and the amount are asked for as text, which both backends write the same
    way (``2025-03-01``, ``1234.50``): an amount never passes through a float,
    and ``Decimal`` and ``date.fromisoformat`` read them back exactly.
    """
    queryset = (
        InvestmentItem.objects.filter(application_id__in=ids)
        .order_by("application_id", "position", "id")
        .values_list(
            "application_id",
            Cast("occurred_on", output_field=CharField()),
            "category",
            Cast("amount", output_field=CharField()),
            "status",
            "invoice_no",
        )
    )
    sql, params = queryset.query.sql_with_params()
    groups: dict[int, list[core.InvestmentFacts]] = defaultdict(list)
    make, day, money = core.InvestmentFacts, dt.date.fromisoformat, Decimal
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        for owner, occurred_on, category, amount, status, invoice in cursor.fetchall():
            groups[owner].append(make(day(occurred_on), category, money(amount), status, invoice))
    return {key: tuple(items) for key, items in groups.items()}


def _by_owner(queryset: QuerySet[Any], owner: str, columns: tuple[str, ...], make: Any) -> dict[int, tuple[Any, ...]]:
    """Rows grouped by their owner's id, each group in the model's own order (as the relation reads them)."""
    model: type[Model] = queryset.model
    ordering = [owner, *(model._meta.ordering or [])]
    groups: dict[int, list[Any]] = defaultdict(list)
    for row in queryset.order_by(*ordering).values_list(owner, *columns):
        groups[row[0]].append(make(row[1:]))
    return {key: tuple(items) for key, items in groups.items()}


def _project(
    row: Mapping[str, Any], workshops: tuple[str, ...], scenarios: tuple[core.Scenario, ...]
) -> core.ProjectFacts:
    return core.ProjectFacts(
        name=row["project_name"],
        region_code=row["project_division"],
        status=row["construction_status"] or "in_production",
        production_started_on=row["production_started_on"],
        expected_completion_on=row["expected_completion_on"],
        workshops=workshops,
        scenarios=scenarios,
    )


def _maturity(row: Mapping[str, Any]) -> core.MaturityFacts | None:
    if row["maturity_level"] is None:
        return None
    return core.MaturityFacts(
        level=row["maturity_level"],
        score=row["maturity_score"],
        assessed_on=row["maturity_assessed_on"],
        report_no=row["maturity_report_no"] or None,
    )


def by_pk(loaded: Iterable[Loaded]) -> Mapping[int, Loaded]:
    return {item.stored.pk: item for item in loaded}
