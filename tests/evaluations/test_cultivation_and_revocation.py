"""Cultivation (Art. 5-7 §1) and revocation with the recovery of subsidies (Art. 12)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from smartmfg.applications.models import Application
from smartmfg.eligibility.actions import do_change_policy
from smartmfg.eligibility.gathering import application_facts
from smartmfg.enterprises.models import Revocation, SubsidyRecovery
from smartmfg.evaluations.actions import (
    do_convert_cultivation,
    do_record_recovery,
    do_revoke_recognition,
    outstanding,
)
from smartmfg.rules.engine import judge
from smartmfg.rules.windows import shift_years
from smartmfg.workflow.transition import transition
from tests import factories
from tests.journeys import advance, cultivation_application, document_number, today


@pytest.fixture
def cultivating(cast):
    return advance(cast, cultivation_application(cast), "published")


def test_a_cultivation_project_is_converted_on_evidence(cast, cultivating):
    assert cultivating.status == "cultivating"
    with pytest.raises(ValidationError) as refused:
        do_convert_cultivation(
            cultivating, production_started_on=today(), reason="已建成投产", files=[], actor=cast.dept
        )
    assert "documents" in refused.value.message_dict

    event = do_convert_cultivation(
        cultivating,
        production_started_on=today(),
        reason="已建成投产",
        files=[factories.pdf_upload("投产证明.pdf")],
        actor=cast.dept,
    )

    cultivating.refresh_from_db()
    assert cultivating.status == "recognised"
    assert event.attachments.get().kind == "evidence"
    assert event.data == {"production_started_on": today().isoformat()}


def test_a_cultivation_project_is_dropped_only_after_the_deadline(cast, cultivating):
    with pytest.raises(PermissionDenied, match="尚未届满"):
        transition(cultivating, "drop_cultivation", cast.dept, reason="未建成")

    yesterday = (today() - dt.timedelta(days=1)).isoformat()
    do_change_policy(cast.call, {"cultivation_deadline": yesterday}, reason="期限届满", actor=cast.dept)
    cultivating.call.refresh_from_db()
    transition(cultivating, "drop_cultivation", cast.dept, reason="期满未建成投产")

    cultivating.refresh_from_db()
    assert cultivating.status == "cultivation_dropped"


def test_the_cultivation_list(client, cast, cultivating):
    client.force_login(cast.dept)
    page = client.get(reverse("department:cultivation", args=[cast.call.pk]))
    assert cultivating.reference in page.content.decode()


# ------------------------------------------------------------------ revocation


def revoke(application, actor, *, paid=Decimal("500000.00"), **overrides):
    """Revoke ``application``, once ``paid`` of support was granted and paid to it (Art. 11)."""
    if paid:
        factories.support(application, actor, paid)
    values = {
        "reason": "投资发票系伪造",
        "document_number": document_number(200),
        "revoked_on": today(),
        "files": [factories.pdf_upload("核实报告.pdf")],
        **overrides,
    }
    return do_revoke_recognition(application, actor=actor, **values)


def test_revocation_records_the_ban_and_the_subsidy(cast):
    recognised = advance(cast, cast.app_a, "published")

    revocation = revoke(recognised, cast.dept)

    recognised.refresh_from_db()
    assert recognised.status == "revoked"
    assert (revocation.enterprise, revocation.application) == (cast.enterprise_a, recognised)
    assert revocation.subsidy_to_recover == Decimal("500000.00")
    event = recognised.events.get(action="revoke")
    assert event.reason == "投资发票系伪造" and event.attachments.get().kind == "evidence"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"reason": ""}, "reason"),
        ({"document_number": " "}, "document_number"),
        ({"document_number": "吉工信规划[2026]200号"}, "document_number"),
        ({"document_number": "吉工信规划〔2019〕200号"}, "document_number"),  # not the revocation's year
        ({"subsidy_to_recover": Decimal("-1")}, "subsidy_to_recover"),
        ({"subsidy_to_recover": Decimal("1.005")}, "subsidy_to_recover"),
        ({"revoked_on": dt.date(2999, 1, 1)}, "revoked_on"),
        ({"files": []}, "documents"),
    ],
)
def test_bad_revocations_change_nothing(cast, overrides, field):
    recognised = advance(cast, cast.app_a, "published")
    with pytest.raises(ValidationError) as refused:
        revoke(recognised, cast.dept, **overrides)
    assert field in refused.value.message_dict
    recognised.refresh_from_db()
    assert recognised.status == "recognised"
    assert not Revocation.objects.exists()


def test_only_a_recognition_may_be_revoked(cast):
    in_review = advance(cast, cast.app_a, "expert_review")
    with pytest.raises(PermissionDenied):
        revoke(in_review, cast.dept, paid=0)
    assert not Revocation.objects.exists()


def test_a_later_application_fails_not_banned_for_three_years(cast, django_capture_on_commit_callbacks):
    recognised = advance(cast, cast.app_a, "published")
    later = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    with django_capture_on_commit_callbacks(execute=True):
        revoke(recognised, cast.dept)

    later.refresh_from_db()
    assert later.status == "refused_under_ban"  # Art. 12: the revocation ended it
    assert later.verdict_results["not_banned"] == "fail"  # the stored verdict was refreshed
    policy = cast.call.get_policy()

    def not_banned(on):
        verdict = judge(application_facts(Application.objects.get(pk=later.pk), applied_on=on), policy)
        return next(c for c in verdict.checks if c.rule == "not_banned").result

    last_banned_day = shift_years(today(), 3)
    assert not_banned(today()) == "fail"
    assert not_banned(last_banned_day) == "fail"
    assert not_banned(last_banned_day + dt.timedelta(days=1)) == "pass"


def test_recoveries_show_what_is_owed_and_never_exceed_it(cast):
    revocation = revoke(advance(cast, cast.app_a, "published"), cast.dept, paid=Decimal("1000.00"))
    assert revocation.subsidy_to_recover == Decimal("1000.00")  # what was paid, by default

    do_record_recovery(revocation, recovered_on=today(), amount=Decimal("400.00"), note="第一笔", actor=cast.dept)
    assert outstanding(revocation) == Decimal("600.00")

    with pytest.raises(ValidationError) as refused:
        do_record_recovery(revocation, recovered_on=today(), amount=Decimal("600.01"), note="", actor=cast.dept)
    assert "amount" in refused.value.message_dict
    assert "600.00" in str(refused.value)

    do_record_recovery(revocation, recovered_on=today(), amount=Decimal("600.00"), note="结清", actor=cast.dept)
    assert outstanding(revocation) == Decimal("0.00")
    assert SubsidyRecovery.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount": Decimal("0")}, "amount"),
        ({"amount": Decimal("1.001")}, "amount"),
        ({"recovered_on": dt.date(2999, 1, 1)}, "recovered_on"),
        ({"recovered_on": dt.date(2000, 1, 1)}, "recovered_on"),
    ],
)
def test_bad_recoveries_are_refused(cast, overrides, field):
    revocation = revoke(advance(cast, cast.app_a, "published"), cast.dept)
    values = {"recovered_on": today(), "amount": Decimal("10.00"), "note": "", **overrides}
    with pytest.raises(ValidationError) as refused:
        do_record_recovery(revocation, actor=cast.dept, **values)
    assert field in refused.value.message_dict
    assert not SubsidyRecovery.objects.exists()


def test_only_the_department_records_recoveries(cast):
    revocation = revoke(advance(cast, cast.app_a, "published"), cast.dept)
    with pytest.raises(PermissionDenied):
        do_record_recovery(revocation, recovered_on=today(), amount=Decimal("1.00"), note="", actor=cast.changchun)


def test_revocation_and_recovery_pages(client, cast, django_assert_max_num_queries):
    recognised = advance(cast, cast.app_a, "published")
    factories.support(recognised, cast.dept, Decimal("800.00"))
    client.force_login(cast.dept)
    step = reverse("applications:step", args=[recognised.pk, "revoke"])
    response = client.post(
        step,
        {
            "reason": "弄虚作假",
            "document_number": document_number(201),
            "revoked_on": today().isoformat(),
            "subsidy_to_recover": "300.00",
            "documents": [factories.pdf_upload()],
        },
    )
    assert response.status_code == 302
    revocation = Revocation.objects.get()

    with django_assert_max_num_queries(10):
        listing = client.get(reverse("department:revocations"))
    assert "300.00" in listing.content.decode()

    too_much = client.post(
        reverse("department:add_recovery", args=[revocation.pk]), {"recovered_on": today().isoformat(), "amount": "301"}
    )
    assert too_much.status_code == 400
    assert "超过尚未收回的 300.00 元" in too_much.content.decode()
    ok = client.post(
        reverse("department:add_recovery", args=[revocation.pk]), {"recovered_on": today().isoformat(), "amount": "100"}
    )
    assert ok.status_code == 302
    page = client.get(reverse("department:revocation", args=[revocation.pk]))
    assert page.context["outstanding"] == Decimal("200.00")
    assert client.get(reverse("department:add_recovery", args=[revocation.pk])).status_code == 405
