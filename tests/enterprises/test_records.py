"""Records about an enterprise (Art. 4): appended by its bureaus and the Department, never changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from smartmfg.audit.models import AuditEntry
from smartmfg.enterprises.models import CreditCheck, MajorIncident, Violation


def add(client, enterprise, record: str, **fields):
    data = {f"{record}-{name}": value for name, value in fields.items()}
    if "next" in fields:
        data["next"] = fields["next"]
    return client.post(reverse("enterprises:add_record", args=[enterprise.pk, record]), data)


def test_a_credit_check_is_appended_with_who_and_when(client, cast):
    client.force_login(cast.changchun)
    before = cast.enterprise_a.credit_checks.count()
    today = timezone.localdate()
    response = add(
        client,
        cast.enterprise_a,
        "credit_check",
        rating="qualified",
        on_abnormal_list="on",
        checked_on=today.isoformat(),
        source="国家企业信用信息公示系统",
    )
    assert response.status_code == 302
    assert response.url == reverse("enterprises:detail", args=[cast.enterprise_a.pk])
    assert cast.enterprise_a.credit_checks.count() == before + 1  # the earlier one is kept
    latest = cast.enterprise_a.credit_checks.order_by("-id").first()
    assert latest.on_abnormal_list and latest.recorded_by == cast.changchun and latest.recorded_at is not None
    assert AuditEntry.objects.filter(verb="record_credit_check", actor=cast.changchun).count() == 2
    page = client.get(response.url).content.decode()
    assert "国家企业信用信息公示系统" in page and cast.changchun.display_name in page


def test_bad_input_names_the_field_and_records_nothing(client, cast):
    client.force_login(cast.dept)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = add(client, cast.enterprise_a, "credit_check", rating="", checked_on=tomorrow)
    assert response.status_code == 400
    page = response.content.decode()
    assert "信用核查结果</a>：这个字段是必填项。" in page
    assert "核查日期</a>：不能晚于今天" in page
    response = add(client, cast.enterprise_a, "violation", occurred_on="2025-13-01", description="")
    assert response.status_code == 400
    assert "发生日期</a>：" in response.content.decode() and "违法行为</a>：" in response.content.decode()
    assert CreditCheck.objects.filter(enterprise=cast.enterprise_a).count() == 1
    assert not Violation.objects.exists()


def test_an_unlawful_act_recorded_from_the_application_page_fails_the_verdict(client, cast):
    client.force_login(cast.changchun)
    here = reverse("applications:detail", args=[cast.app_a.pk])
    page = client.get(here)
    assert reverse("enterprises:add_record", args=[cast.enterprise_a.pk, "violation"]) in page.content.decode()
    response = add(
        client,
        cast.enterprise_a,
        "violation",
        occurred_on=(timezone.localdate() - dt.timedelta(days=30)).isoformat(),
        description="环评未批先建，被处以罚款",
        source="长环罚〔2026〕12号",
        next=here,
    )
    assert response.status_code == 302 and response.url == here
    checks = {c["rule"]: c["result"] for c in client.get(here).context["checks"]}
    assert checks["no_violations"] == "fail"


def test_a_major_incident_is_appended(client, cast):
    client.force_login(cast.changchun)
    response = add(
        client,
        cast.enterprise_a,
        "major_incident",
        occurred_on=timezone.localdate().isoformat(),
        kind="safety",
        description="较大生产安全事故",
    )
    assert response.status_code == 302
    assert MajorIncident.objects.get().recorded_by == cast.changchun


@pytest.mark.parametrize(("persona", "code"), [("ent_a", 403), ("jilin", 404), ("expert", 404)])
def test_only_its_bureaus_and_the_department_record(client, cast, persona, code):
    client.force_login(getattr(cast, persona))
    response = add(client, cast.enterprise_a, "violation", occurred_on="2026-01-01", description="x")
    assert response.status_code == code
    assert not Violation.objects.exists()


def test_an_unknown_kind_or_a_foreign_next_is_not_followed(client, cast):
    client.force_login(cast.changchun)
    assert client.get(reverse("enterprises:add_record", args=[cast.enterprise_a.pk, "rumour"])).status_code == 404
    response = add(
        client,
        cast.enterprise_a,
        "major_incident",
        occurred_on=timezone.localdate().isoformat(),
        kind="quality",
        description="批量质量问题",
        next="https://example.com/",
    )
    assert response.url == reverse("enterprises:detail", args=[cast.enterprise_a.pk])
