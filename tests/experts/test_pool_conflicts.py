"""回避 (第九条) on an expert's record: conflicts the Department adds, and waivers of the ones found by rule."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from smartmfg.audit.models import AuditEntry
from smartmfg.experts.models import Conflict, ConflictWaiver


def conflict_data(cast: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "enterprise": cast.enterprise_b.uscc,
        "kind": "employment",
        "evidence": "2024年前在该企业任技术总监",
        "started_on": "2019-03-01",
        "ended_on": "2024-06-30",
    }
    data.update(overrides)
    return data


def test_the_department_records_a_conflict_by_credit_code(client, cast):
    expert = cast.expert.expert
    client.force_login(cast.dept)

    response = client.post(reverse("experts:add_conflict", args=[expert.pk]), conflict_data(cast))

    assert response.status_code == 302
    conflict = Conflict.objects.get()
    assert (conflict.expert, conflict.enterprise, conflict.kind, conflict.source) == (
        expert,
        cast.enterprise_b,
        "employment",
        "department",
    )
    assert conflict.recorded_by == cast.dept and str(conflict.ended_on) == "2024-06-30"
    entry = AuditEntry.objects.get(verb="record_conflict")
    assert entry.target_id == str(expert.pk) and entry.reason == "2024年前在该企业任技术总监"
    detail = client.get(reverse("experts:detail", args=[expert.pk])).content.decode()
    assert cast.enterprise_b.name in detail and "近三年在该企业或其母公司、子公司任职" in detail


def test_an_enterprise_is_also_found_by_its_full_name(client, cast):
    client.force_login(cast.dept)
    url = reverse("experts:add_conflict", args=[cast.expert.expert.pk])

    response = client.post(url, conflict_data(cast, enterprise=cast.enterprise_a.name, kind="family"))

    assert response.status_code == 302 and Conflict.objects.get().enterprise == cast.enterprise_a


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"enterprise": "不存在的公司"}, "enterprise", "没有名称或统一社会信用代码为“不存在的公司”的企业"),
        ({"enterprise": ""}, "enterprise", "必填"),
        ({"kind": "same_employer"}, "kind", "same_employer"),  # found by rule, never declared
        ({"kind": "local"}, "kind", "local"),
        ({"evidence": ""}, "evidence", "必填"),
        ({"ended_on": "2018-01-01"}, "ended_on", "终止日期不能早于起始日期"),
    ],
)
def test_every_refusal_names_the_field_and_records_nothing(client, cast, overrides, field, message):
    client.force_login(cast.dept)
    expert = cast.expert.expert

    response = client.post(reverse("experts:add_conflict", args=[expert.pk]), conflict_data(cast, **overrides))

    assert response.status_code == 400
    form = response.context["conflict_form"]
    assert list(form.errors) == [field] and message in " ".join(form.errors[field]), form.errors
    assert f'<a href="#conflict_{field}">' in response.content.decode()
    assert not Conflict.objects.exists() and not AuditEntry.objects.filter(verb="record_conflict").exists()


def test_the_record_lists_the_conflict_found_by_rule_with_a_waiver_link(client, cast):
    expert = cast.conflicted_expert.expert  # works for enterprise A
    client.force_login(cast.dept)

    page = client.get(reverse("experts:detail", args=[expert.pk]))

    (found,) = page.context["detected"]
    assert (found.enterprise, found.kind, found.waivable) == (cast.enterprise_a, "same_employer", True)
    assert found.applications == [cast.app_a]
    assert f"?waive={cast.enterprise_a.uscc}&amp;kind=same_employer" in page.content.decode()
    prefilled = client.get(
        reverse("experts:detail", args=[expert.pk]), {"waive": cast.enterprise_a.uscc, "kind": "same_employer"}
    )
    assert f'value="{cast.enterprise_a.uscc}"' in prefilled.content.decode()


def test_a_detected_conflict_is_waived_with_a_reason(client, cast):
    expert = cast.conflicted_expert.expert
    client.force_login(cast.dept)
    data = {"enterprise": cast.enterprise_a.uscc, "kind": "same_employer", "reason": "专家已于上月离职，档案已转出"}

    response = client.post(reverse("experts:waive", args=[expert.pk]), data)

    assert response.status_code == 302
    waiver = ConflictWaiver.objects.get()
    assert (waiver.expert, waiver.enterprise, waiver.kind, waiver.waived_by) == (
        expert,
        cast.enterprise_a,
        "same_employer",
        cast.dept,
    )
    assert AuditEntry.objects.get(verb="waive_conflict").reason == "专家已于上月离职，档案已转出"
    page = client.get(reverse("experts:detail", args=[expert.pk]))
    assert page.context["detected"] == []  # no longer found
    assert "专家已于上月离职" in page.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"reason": ""}, "reason", "必填"),
        ({"kind": "employment"}, "kind", "employment"),  # only kinds found by rule are waived
        ({"enterprise": "nobody"}, "enterprise", "没有名称或统一社会信用代码"),
    ],
)
def test_a_waiver_refused_names_its_field_and_waives_nothing(client, cast, overrides, field, message):
    expert = cast.conflicted_expert.expert
    client.force_login(cast.dept)
    data = {"enterprise": cast.enterprise_a.uscc, "kind": "same_employer", "reason": "理由"} | overrides

    response = client.post(reverse("experts:waive", args=[expert.pk]), data)

    assert response.status_code == 400
    form = response.context["waiver_form"]
    assert list(form.errors) == [field] and message in " ".join(form.errors[field]), form.errors
    assert f'<a href="#waiver_{field}">' in response.content.decode()
    assert not ConflictWaiver.objects.exists()


def test_a_conflict_the_rules_do_not_find_is_not_waived(client, cast):
    client.force_login(cast.dept)
    data = {"enterprise": cast.enterprise_a.uscc, "kind": "same_employer", "reason": "理由"}

    response = client.post(reverse("experts:waive", args=[cast.expert.expert.pk]), data)  # 吉林大学: no conflict

    assert response.status_code == 400
    assert "规则未识别出" in " ".join(response.context["waiver_form"].errors["kind"])
    assert not ConflictWaiver.objects.exists()


def test_a_conflict_is_waived_once(client, cast):
    expert = cast.conflicted_expert.expert
    client.force_login(cast.dept)
    data = {"enterprise": cast.enterprise_a.uscc, "kind": "same_employer", "reason": "理由"}
    client.post(reverse("experts:waive", args=[expert.pk]), data)

    again = client.post(reverse("experts:waive", args=[expert.pk]), data)

    assert again.status_code == 400 and "该回避情形已豁免" in again.content.decode()
    assert ConflictWaiver.objects.count() == 1


def test_conflict_pages_take_a_post_only(client, cast):
    client.force_login(cast.dept)
    pk = cast.expert.expert.pk
    assert client.get(reverse("experts:add_conflict", args=[pk])).status_code == 405
    assert client.get(reverse("experts:waive", args=[pk])).status_code == 405
