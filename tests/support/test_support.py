"""Art. 11-12: support granted and paid to a recognised application, and recovered on revocation, to the fen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from smartmfg.audit.models import AuditEntry
from smartmfg.evaluations.actions import do_revoke_recognition
from smartmfg.support.actions import do_grant_support, do_record_payment, paid
from smartmfg.support.models import SupportGrant, SupportPayment
from tests import factories
from tests.journeys import advance, document_number, today


@pytest.fixture
def recognised(cast):
    return advance(cast, cast.app_a, "published")


def grant(cast, application, **overrides):
    values = {
        "amount": Decimal("1000000.00"),
        "document_number": document_number(120),
        "granted_on": today(),
        "actor": cast.dept,
        **overrides,
    }
    return do_grant_support(application, **values)


def test_support_is_granted_and_paid_in_exact_yuan(cast, recognised):
    given = grant(cast, recognised)
    do_record_payment(given, paid_on=today(), amount=Decimal("600000.00"), actor=cast.dept)
    do_record_payment(given, paid_on=today(), amount=Decimal("399999.99"), actor=cast.dept)
    assert paid(recognised) == Decimal("999999.99")
    with pytest.raises(ValidationError) as refused:
        do_record_payment(given, paid_on=today(), amount=Decimal("0.02"), actor=cast.dept)
    assert "amount" in refused.value.message_dict and "0.01" in str(refused.value)
    do_record_payment(given, paid_on=today(), amount=Decimal("0.01"), actor=cast.dept)
    assert paid(recognised) == Decimal("1000000.00")
    assert AuditEntry.objects.filter(verb="record_support_payment").count() == 3
    assert AuditEntry.objects.get(verb="grant_support").changes["amount"] == "1000000.00"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount": Decimal("0")}, "amount"),
        ({"amount": Decimal("-5")}, "amount"),
        ({"amount": Decimal("1.005")}, "amount"),
        ({"document_number": "吉工信规划[2026]120号"}, "document_number"),
        ({"granted_on": dt.date(2999, 1, 1)}, "granted_on"),
    ],
)
def test_bad_grants_are_refused_naming_the_field(cast, recognised, overrides, field):
    with pytest.raises(ValidationError) as refused:
        grant(cast, recognised, **overrides)
    assert field in refused.value.message_dict
    assert not SupportGrant.objects.exists()


def test_a_payment_before_the_grant_or_in_the_future_is_refused(cast, recognised):
    given = grant(cast, recognised)
    for day in (today() - dt.timedelta(days=1), today() + dt.timedelta(days=1)):
        with pytest.raises(ValidationError) as refused:
            do_record_payment(given, paid_on=day, amount=Decimal("1.00"), actor=cast.dept)
        assert "paid_on" in refused.value.message_dict
    assert not SupportPayment.objects.exists()


def test_only_the_department_and_only_for_a_recognition(cast, recognised):
    with pytest.raises(PermissionDenied):
        grant(cast, recognised, actor=cast.changchun)
    in_review = advance(cast, cast.app_b, "expert_review")
    with pytest.raises(PermissionDenied, match="只有已认定的项目"):
        grant(cast, in_review)


def test_the_recovery_defaults_to_what_was_paid_and_never_exceeds_it(cast, recognised):
    factories.support(recognised, cast.dept, Decimal("800000.00"), paid=Decimal("500000.00"))
    values = {
        "reason": "弄虚作假",
        "document_number": document_number(121),
        "revoked_on": today(),
        "files": [factories.pdf_upload()],
        "actor": cast.dept,
    }
    with pytest.raises(ValidationError) as refused:
        do_revoke_recognition(recognised, subsidy_to_recover=Decimal("500000.01"), **values)
    assert "subsidy_to_recover" in refused.value.message_dict and "500000.00" in str(refused.value)
    recognised.refresh_from_db()
    assert recognised.status == "recognised"
    revocation = do_revoke_recognition(recognised, **values)
    assert revocation.subsidy_to_recover == Decimal("500000.00")
    with pytest.raises(PermissionDenied):  # no more support once revoked
        do_record_payment(SupportGrant.objects.get(), paid_on=today(), amount=Decimal("1.00"), actor=cast.dept)


def test_the_pages_and_the_ledger(client, cast, recognised, django_assert_max_num_queries):
    client.force_login(cast.dept)
    page = client.get(reverse("applications:detail", args=[recognised.pk])).content.decode()
    assert "奖补资金" in page and reverse("support:grant", args=[recognised.pk]) in page

    form_url = reverse("support:grant", args=[recognised.pk])
    bad = client.post(form_url, {"amount": "100", "document_number": "吉工信〔26〕5号", "granted_on": today()})
    assert bad.status_code == 400
    assert "拨付文号</a>：文号“吉工信〔26〕5号”不符合" in bad.content.decode()
    ok = client.post(
        form_url, {"amount": "1200000.50", "document_number": document_number(5, "吉工信"), "granted_on": today()}
    )
    assert ok.status_code == 302
    the_grant = SupportGrant.objects.get()
    payment = client.post(reverse("support:payment", args=[the_grant.pk]), {"paid_on": today(), "amount": "200000.50"})
    assert payment.status_code == 302

    with django_assert_max_num_queries(10):
        ledger = client.get(reverse("support:ledger"))
    html = ledger.content.decode()
    assert "1,200,000.50" in html and "200,000.50" in html and "1,000,000.00" in html
    export = client.get(reverse("support:ledger"), {"_export": "csv"})
    assert export.status_code == 200 and "1000000.00" in export.content.decode("utf-8-sig")

    revocation_values = {
        "reason": "弄虚作假",
        "document_number": document_number(122),
        "revoked_on": today().isoformat(),
        "documents": [factories.pdf_upload()],
        "seen": "recognised",
    }
    assert (
        client.post(reverse("applications:step", args=[recognised.pk, "revoke"]), revocation_values).status_code == 302
    )
    listing = client.get(reverse("department:revocations")).content.decode()
    assert "200,000.50" in listing  # to recover: what was paid
