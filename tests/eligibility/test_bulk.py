"""The bulk loader reads exactly the facts ``application_facts`` reads, in a fixed number of queries."""

from __future__ import annotations

from smartmfg.applications.models import Application
from smartmfg.eligibility import bulk
from smartmfg.eligibility.gathering import application_facts
from smartmfg.enterprises.actions import do_record_violation
from smartmfg.intake.actions import do_import_application
from tests import factories
from tests.eligibility.documents import document


def _import_varied(cast) -> None:
    """Applications with every kind of record, under construction or not, with and without maturity."""
    do_import_application(
        cast.call,
        document(
            tier="smart_factory",
            total="45000000.50",
            violations=[{"date": "2025-01-02", "description": "环保处罚"}, {"date": "2023-05-06", "description": "旧"}],
            major_incidents=[{"date": "2024-08-01", "kind": "safety", "description": "事故"}],
            revocations=[{"date": "2022-01-01", "reason": "弄虚作假"}],
        ),
        actor=cast.dept,
    )
    under_construction = document(tier="future_factory", total="81000000.00")
    under_construction["project"] = {
        **under_construction["project"],
        "status": "under_construction",
        "production_started_on": None,
        "expected_completion_on": "2026-10-01",
    }
    del under_construction["credit_check"]
    do_import_application(cast.call, under_construction, actor=cast.dept)


def test_load_builds_the_same_facts_as_one_application_at_a_time(cast) -> None:
    _import_varied(cast)
    do_record_violation(cast.enterprise_a, {"occurred_on": cast.app_a.applied_on, "description": "新"}, actor=cast.dept)
    draft = factories.draft_application(cast.call, cast.ent_b, tier="smart_factory")
    # A draft without its maturity self-assessment yet.
    Application.objects.filter(pk=draft.pk).update(maturity_level=None, maturity_report_no="")
    # Withdrawn: editable again, so judged as of today rather than its last application date.
    Application.objects.filter(pk=cast.app_b.pk).update(status="withdrawn", applied_on="2020-01-01")
    applications = Application.objects.filter(call=cast.call).select_related("call", "enterprise")
    loaded = bulk.load(Application.objects.filter(call=cast.call))
    assert [item.stored.pk for item in loaded] == sorted(a.pk for a in applications)
    assert draft.pk in {item.stored.pk for item in loaded}
    for application in applications:
        item = next(i for i in loaded if i.stored.pk == application.pk)
        assert item.facts == application_facts(application)
        assert item.stored.reference == application.reference
        assert item.stored.verdict_eligible == application.verdict_eligible


def test_load_takes_the_same_handful_of_queries_for_two_applications_or_twenty(cast, django_assert_num_queries) -> None:
    with django_assert_num_queries(10):
        bulk.load(Application.objects.filter(call=cast.call))
    for _ in range(6):
        _import_varied(cast)
    assert Application.objects.filter(call=cast.call).count() == 14
    with django_assert_num_queries(10):
        bulk.load(Application.objects.filter(call=cast.call))


def test_an_empty_selection_costs_one_query(cast, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        assert bulk.load(Application.objects.none() | Application.objects.filter(pk=-1)) == []
