"""Stored verdict columns follow the policy; a what-if shows both directions before anything is saved."""

from __future__ import annotations

from decimal import Decimal

from smartmfg.applications.models import Application
from smartmfg.calls.models import PolicyChange
from smartmfg.eligibility.actions import do_change_policy, refresh_call_verdicts
from smartmfg.eligibility.verdicts import entered_procedure, what_if
from tests import factories
from tests.eligibility.documents import document


def _populate(cast) -> dict[str, Application]:
    """Five imported applications around the thresholds, in 长春, 吉林市 and 梅河口."""
    made = {
        "dw_just_above": document(region="220102", total="21000000.00"),
        "dw_just_below": document(region="220202", total="19000000.00"),
        "dw_meihekou": document(region="220581", total="17000000.00"),
        "sf_good_credit": document(tier="smart_factory", region="220102", total="45000000.00"),
        "ff_construction": document(tier="future_factory", region="220202", total="85000000.00"),
    }
    made["ff_construction"]["project"].update(
        status="under_construction", production_started_on=None, expected_completion_on="2026-09-30"
    )
    # The two short of today's threshold were received while it stood at 17,000,000 yuan.
    imported = factories.import_under(
        cast.call, cast.dept, list(made.values()), **{"min_investment.digital_workshop": "17000000.00"}
    )
    return dict(zip(made, imported, strict=True))


def test_what_if_lists_changes_in_both_directions_with_counts_per_tier_and_region(cast) -> None:
    apps = _populate(cast)
    proposed = cast.call.get_policy().with_changes(
        {
            "min_investment.digital_workshop": "18000000.00",  # 19,000,000 becomes eligible
            "min_credit_rating.smart_factory": "excellent",  # good credit no longer enough
            "cultivation_deadline": "2026-06-30",  # the future factory finishes too late
        }
    )
    result = what_if(cast.call, proposed)

    assert result.judged == 7  # the five imports and the cast's two submitted applications
    kinds = {change.reference: change.kind for change in result.changes}
    assert kinds == {
        apps["dw_just_below"].reference: "newly_eligible",
        apps["sf_good_credit"].reference: "newly_ineligible",
        apps["ff_construction"].reference: "newly_ineligible",
    }
    assert [result.count(k) for k in ("newly_eligible", "newly_ineligible", "track_changed")] == [1, 2, 0]
    assert dict(result.by_tier()) == {
        "digital_workshop": [1, 0, 0],
        "smart_factory": [0, 1, 0],
        "future_factory": [0, 1, 0],
    }
    assert {region.name: counts for region, counts in result.by_region()} == {
        "长春市": [0, 1, 0],
        "吉林市": [1, 1, 0],
    }
    below = next(c for c in result.changes if c.kind == "newly_eligible")
    assert below.rules == (("investment_threshold", "fail", "pass"),)
    assert below.before.eligible_investment == below.after.eligible_investment == Decimal("19000000.00")
    assert [d[0] for d in result.diff] == [
        "cultivation_deadline",
        "min_credit_rating.smart_factory",
        "min_investment.digital_workshop",
    ]
    # Nothing was saved.
    assert not PolicyChange.objects.filter(parameter="min_credit_rating.smart_factory").exists()
    apps["sf_good_credit"].refresh_from_db()
    assert apps["sf_good_credit"].verdict_eligible is True


def test_a_track_change_is_reported_when_eligibility_stays(cast) -> None:
    apps = _populate(cast)
    # Make the future factory ineligible for another reason first: a deadline before its completion
    # then takes its cultivation track away without changing its eligibility.
    do_change_policy(cast.call, {"min_maturity_level.future_factory": "4"}, reason="试", actor=cast.dept)
    cast.call.refresh_from_db()
    result = what_if(cast.call, cast.call.get_policy().with_changes({"cultivation_deadline": "2026-06-30"}))
    [change] = result.changes
    assert change.reference == apps["ff_construction"].reference
    assert (change.kind, change.before.track, change.after.track) == ("track_changed", "cultivation", None)
    assert change.before.eligible is change.after.eligible is False
    assert result.count("track_changed", tier="future_factory") == 1
    assert result.count("track_changed", region="220200") == 1


def test_drafts_stay_out_of_the_what_if(cast) -> None:
    draft = factories.draft_application(cast.call, cast.ent_b, tier="smart_factory")
    assert draft.pk not in set(entered_procedure(cast.call).values_list("pk", flat=True))
    result = what_if(cast.call, cast.call.get_policy().with_changes({"min_workshops": "3"}))
    assert result.judged == 2 and draft.reference not in {c.reference for c in result.changes}


def test_saving_a_change_refreshes_the_stored_columns_of_the_call(cast, django_capture_on_commit_callbacks) -> None:
    apps = _populate(cast)
    with django_capture_on_commit_callbacks(execute=True):
        do_change_policy(
            cast.call, {"min_investment.digital_workshop": "18000000.00"}, reason="按年度调整", actor=cast.dept
        )
    apps["dw_just_below"].refresh_from_db()
    assert apps["dw_just_below"].verdict_eligible is True
    assert apps["dw_just_below"].verdict_results["investment_threshold"] == "pass"


def test_refresh_puts_back_what_was_stale(cast) -> None:
    apps = _populate(cast)
    Application.objects.filter(pk=apps["dw_just_above"].pk).update(
        verdict_eligible=None, verdict_track="", verdict_results={}, eligible_investment=0
    )
    assert refresh_call_verdicts(cast.call) == 7
    fixed = Application.objects.get(pk=apps["dw_just_above"].pk)
    assert (fixed.verdict_eligible, fixed.verdict_track, fixed.eligible_investment) == (
        True,
        "recognition",
        Decimal("21000000.00"),
    )
    assert fixed.verdict_results["investment_threshold"] == "pass"


def test_refreshing_a_call_takes_a_fixed_number_of_queries(cast, django_assert_max_num_queries) -> None:
    _populate(cast)
    Application.objects.filter(call=cast.call).update(verdict_eligible=None, eligible_investment=0)
    # load (9) + the call's policy (1) + one UPDATE per distinct result combination + one for the amounts.
    with django_assert_max_num_queries(25):
        refresh_call_verdicts(cast.call)


def test_a_change_that_changes_verdicts_leaves_an_event_in_each_history_and_an_audit_entry(cast) -> None:
    from smartmfg.applications.models import ApplicationEvent
    from smartmfg.audit.models import AuditEntry

    apps = _populate(cast)
    do_change_policy(
        cast.call, {"min_investment.digital_workshop": "18000000.00"}, reason="按年度调整", actor=cast.dept
    )

    events = ApplicationEvent.objects.filter(action="policy_changed", reason__contains="按年度调整")
    assert [e.application_id for e in events] == [apps["dw_just_below"].pk]  # 19,000,000 is now enough
    event = events.get()
    assert (event.actor, event.role, event.from_status, event.to_status) == (
        cast.dept,
        "department",
        "submitted",
        "submitted",
    )
    assert event.data["parameters"] == [["min_investment.digital_workshop", "20000000.00", "18000000.00"]]
    assert event.data["before"]["failed"] == ["investment_threshold"] and event.data["after"]["eligible"] is True
    assert "由“不符合（软硬件完成投资）”变为“符合”" in event.reason
    entry = AuditEntry.objects.filter(verb="change_policy").latest("id")
    assert entry.reason == "按年度调整" and entry.changes == {
        "min_investment.digital_workshop": ["20000000.00", "18000000.00"]
    }
    assert "1项申报的判定随之变化" in entry.summary
