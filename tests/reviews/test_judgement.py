"""The bureau's initial review: the operations-and-finances judgement, then pass, return or reject (Art. 4, 8)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from smartmfg.applications.models import Judgement
from smartmfg.audit.models import AuditEntry
from smartmfg.reviews.actions import do_record_judgement
from smartmfg.workflow.transition import transition
from tests.journeys import recommended


def judge(client, application, result: str, note: str = ""):
    url = reverse("reviews:judgement", args=[application.pk, "operations_finance"])
    return client.post(url, {"result": result, "note": note})


def detail(client, application):
    return client.get(reverse("applications:detail", args=[application.pk]))


def step(client, application, action: str, reason: str = ""):
    return client.post(reverse("applications:step", args=[application.pk, action]), {"reason": reason})


def test_pass_is_refused_until_operations_are_judged(client, cast):
    client.force_login(cast.changchun)
    page = detail(client, cast.app_a).content.decode()
    assert "“生产运营和财务状况良好”（第四条）尚未判断" in page
    assert step(client, cast.app_a, "bureau_pass").status_code == 403
    cast.app_a.refresh_from_db()
    assert cast.app_a.status == "submitted"


def test_latest_judgement_wins_and_history_is_kept(client, cast):
    client.force_login(cast.changchun)
    assert judge(client, cast.app_a, "fail", "连续两年亏损").status_code == 302
    page = detail(client, cast.app_a).content.decode()
    assert (
        "不符合“生产运营和财务状况良好”（第四条）：属地工信部门初审判断：企业生产运营和财务状况不符合要求（连续两年亏损）"
        in page
    )
    assert step(client, cast.app_a, "bureau_pass").status_code == 403

    assert judge(client, cast.app_a, "pass", "补充审计报告显示经营正常").status_code == 302
    page = detail(client, cast.app_a).content.decode()
    assert "连续两年亏损" in page and "补充审计报告显示经营正常" in page
    assert "（已被后续判断取代）" in page and "（当前有效）" in page
    assert list(cast.app_a.judgements.order_by("id").values_list("result", flat=True)) == ["fail", "pass"]
    assert AuditEntry.objects.filter(verb="record_judgement", target_id=str(cast.app_a.pk)).count() == 2

    assert step(client, cast.app_a, "bureau_pass").status_code == 302
    cast.app_a.refresh_from_db()
    assert cast.app_a.status == "bureau_passed"


def test_a_judgement_of_not_in_order_needs_its_reason(client, cast):
    client.force_login(cast.changchun)
    response = judge(client, cast.app_a, "fail")
    assert response.status_code == 400
    assert "判断为不符合时，请说明理由" in response.content.decode()
    assert 'href="#id_operations_finance_note">说明</a>' in response.content.decode()
    assert not cast.app_a.judgements.exists()
    assert judge(client, cast.app_a, "maybe").status_code == 400
    assert not cast.app_a.judgements.exists()


@pytest.mark.parametrize("action", ["bureau_return", "bureau_reject"])
def test_return_and_reject_need_reasons(client, cast, action):
    client.force_login(cast.changchun)
    response = step(client, cast.app_a, action)
    assert response.status_code == 400
    label = {"bureau_return": "退回理由", "bureau_reject": "意见或理由"}[action]
    assert f"{label}</a>：请填写意见或理由" in response.content.decode()
    cast.app_a.refresh_from_db()
    assert cast.app_a.status == "submitted"
    assert step(client, cast.app_a, action, "投资明细与审计报告不一致").status_code == 302
    cast.app_a.refresh_from_db()
    assert cast.app_a.status == {"bureau_return": "returned", "bureau_reject": "bureau_rejected"}[action]
    assert cast.app_a.events.last().reason == "投资明细与审计报告不一致"


def test_only_the_holding_bureau_judges_while_awaiting_review(client, cast):
    client.force_login(cast.jilin)
    assert judge(client, cast.app_a, "pass").status_code == 404
    client.force_login(cast.dept)
    assert judge(client, cast.app_a, "pass").status_code == 403
    with pytest.raises(PermissionDenied):
        do_record_judgement(cast.app_a, "operations_finance", "pass", "", actor=cast.dept)
    assert not Judgement.objects.exists()


def test_technical_merit_is_the_departments_in_the_expert_stage(client, cast):
    recommended(cast.app_a, cast.changchun)
    cast.app_a.refresh_from_db()
    with pytest.raises(PermissionDenied):
        do_record_judgement(cast.app_a, "technical_merit", "pass", "", actor=cast.dept)  # not yet in expert review
    transition(cast.app_a, "requalify_pass", cast.dept)
    with pytest.raises(PermissionDenied):
        do_record_judgement(cast.app_a, "technical_merit", "pass", "", actor=cast.changchun)
    client.force_login(cast.dept)
    page = detail(client, cast.app_a).content.decode()
    assert reverse("reviews:judgement", args=[cast.app_a.pk, "technical_merit"]) in page
    response = client.post(
        reverse("reviews:judgement", args=[cast.app_a.pk, "technical_merit"]), {"result": "pass", "note": "专家意见"}
    )
    assert response.status_code == 302
    assert cast.app_a.judgements.get(rule="technical_merit").role == "department"
