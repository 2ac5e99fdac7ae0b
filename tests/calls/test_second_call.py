"""Art. 2: one call a year in principle; a second call of a year is confirmed, with its reason on record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from smartmfg.audit.models import AuditEntry
from smartmfg.calls.actions import do_create_call
from smartmfg.calls.models import Call


def fields(**extra):
    now = timezone.now()
    return {
        "year": timezone.localdate().year,
        "title": "补充申报批次",
        "opens_at": now,
        "closes_at": now + dt.timedelta(days=30),
        "bureau_review_deadline": timezone.localdate() + dt.timedelta(days=40),
        **extra,
    }


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"confirm_second_call": True},
        {"second_call_reason": "国家部署"},
        {"confirm_second_call": True, "second_call_reason": " "},
    ],
)
def test_a_second_call_of_the_year_needs_confirmation_and_a_reason(cast, extra):
    with pytest.raises(ValidationError) as refused:
        do_create_call(fields(**extra), actor=cast.dept)
    message = refused.value.message_dict["second_call_reason"][0]
    assert f"{cast.call.year}年度已有申报批次（{cast.call.title}）" in message and "第二条" in message
    assert Call.objects.count() == 1


def test_a_confirmed_second_call_records_its_reason(cast):
    call = do_create_call(fields(confirm_second_call=True, second_call_reason="落实国家专项部署"), actor=cast.dept)
    entry = AuditEntry.objects.get(verb="create_call", target_id=str(call.pk))
    assert entry.reason == "本年度第2个申报批次：落实国家专项部署"


def test_the_first_call_of_another_year_needs_nothing(cast):
    call = do_create_call(fields(year=timezone.localdate().year + 1), actor=cast.dept)
    assert AuditEntry.objects.get(verb="create_call", target_id=str(call.pk)).reason == ""


def test_the_form_asks_for_the_confirmation(client, cast):
    client.force_login(cast.dept)
    data = {
        "year": cast.call.year,
        "title": "补充申报批次",
        "tiers": ["digital_workshop"],
        "opens_at": "2026-12-10T09:00",
        "closes_at": "2027-01-10T17:00",
        "bureau_review_deadline": "2027-01-31",
        "max_attachment_mb": 50,
    }
    refused = client.post(reverse("calls:create"), data)
    assert refused.status_code == 400
    assert "再次组织申报的理由</a>：" in refused.content.decode()
    created = client.post(
        reverse("calls:create"), {**data, "confirm_second_call": "on", "second_call_reason": "落实国家专项部署"}
    )
    assert created.status_code == 302


def test_a_calls_document_number_is_written_as_gbt_9704_requires(cast):
    with pytest.raises(ValidationError) as refused:
        do_create_call(fields(year=2030, document_number="吉工信规划(2030)1号"), actor=cast.dept)
    assert "应写作“吉工信规划〔2030〕1号”" in refused.value.message_dict["document_number"][0]
