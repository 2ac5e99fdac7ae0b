"""Submitting, withdrawing, being returned and resubmitting: every submission stays readable."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from smartmfg.applications.models import Submission
from smartmfg.wizard import actions
from smartmfg.workflow.transition import transition
from tests import factories
from tests.wizard.helpers import url


def test_the_confirm_step_lists_what_is_missing_and_disables_submit_with_the_reason(client, cast) -> None:
    draft = actions.do_create_application(cast.call, cast.enterprise_a, "smart_factory", actor=cast.ent_a)
    client.force_login(cast.ent_a)
    page = client.get(url("confirm", draft)).content.decode()
    assert "尚未填写完整" in page
    for missing in ("项目名称", "投资明细", "成熟度自评估", "申报书", "承诺书"):
        assert missing in page
    assert "disabled" in page and "尚未填写完整：项目名称" in page
    response = client.post(url("submit", draft))
    assert response.status_code == 403
    assert "尚未填写完整" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft" and not Submission.objects.filter(application=draft).exists()


def test_submit_is_refused_after_the_closing_time_with_the_reason(client, cast) -> None:
    draft = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    cast.call.closes_at = timezone.now() - dt.timedelta(minutes=1)
    cast.call.save()
    client.force_login(cast.ent_a)
    page = client.get(url("confirm", draft)).content.decode()
    assert "不在本批次的申报时间内" in page
    response = client.post(url("submit", draft))
    assert response.status_code == 403
    assert "不在本批次的申报时间内" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.submission_count == 0


def test_a_complete_draft_is_submitted_with_its_snapshot(client, cast) -> None:
    draft = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    client.force_login(cast.ent_a)
    assert "disabled" not in client.get(url("confirm", draft)).content.decode().split('class="submit-form"')[1][:600]
    response = client.post(url("submit", draft))
    assert response["Location"] == reverse("applications:detail", kwargs={"pk": draft.pk})
    draft.refresh_from_db()
    assert draft.status == "submitted"
    submission = draft.submissions.get()
    assert submission.snapshot["application"]["project"]["name"] == draft.project_name
    detail = client.get(response["Location"]).content.decode()
    assert f"已提交至{draft.jurisdiction.name}（第1次提交）" in detail
    assert url("submission", draft, number=1) in detail


def test_withdraw_edit_and_resubmit_keeps_both_submissions_readable(client, cast) -> None:
    client.force_login(cast.ent_a)
    first_name = cast.app_a.project_name
    assert (
        client.post(reverse("applications:step", kwargs={"pk": cast.app_a.pk, "action": "withdraw"})).status_code == 302
    )
    page = client.get(url("project", cast.app_a)).content.decode()
    assert "申报已撤回" in page and "保存并继续" in page
    data = {
        "project_name": "第二版项目名称",
        "project_division": cast.app_a.project_division,
        "construction_status": "in_production",
        "production_started_on": cast.app_a.production_started_on.isoformat(),
    }
    assert client.post(url("project", cast.app_a), data).status_code == 302
    assert client.post(url("submit", cast.app_a)).status_code == 302
    cast.app_a.refresh_from_db()
    assert cast.app_a.submission_count == 2
    first = client.get(url("submission", cast.app_a, number=1)).content.decode()
    second = client.get(url("submission", cast.app_a, number=2)).content.decode()
    assert first_name in first and "第二版项目名称" not in first
    assert "第二版项目名称" in second
    assert "已撤回" in first  # what followed the first submission
    detail = client.get(reverse("applications:detail", kwargs={"pk": cast.app_a.pk})).content.decode()
    assert url("submission", cast.app_a, number=1) in detail and url("submission", cast.app_a, number=2) in detail
    # The bureau reads both as well.
    client.force_login(cast.changchun)
    assert client.get(url("submission", cast.app_a, number=1)).status_code == 200
    assert client.get(url("submission", cast.app_a, number=3)).status_code == 404


def test_a_returned_application_shows_the_reasons_and_is_resubmitted(client, cast) -> None:
    transition(cast.app_a, "bureau_return", cast.changchun, reason="请补充投资专项审计报告")
    client.force_login(cast.ent_a)
    workspace = client.get(reverse("enterprises:workspace")).content.decode()
    assert "已被退回修改" in workspace and "请补充投资专项审计报告" in workspace
    form = client.get(url("maturity", cast.app_a)).content.decode()
    assert 'role="alert"' in form and "请补充投资专项审计报告" in form
    detail = client.get(reverse("applications:detail", kwargs={"pk": cast.app_a.pk})).content.decode()
    assert "请补充投资专项审计报告" in detail and "修改并重新提交" in detail
    assert client.post(url("submit", cast.app_a)).status_code == 302
    cast.app_a.refresh_from_db()
    assert cast.app_a.status == "submitted" and cast.app_a.submission_count == 2
    assert "请补充投资专项审计报告" not in client.get(reverse("enterprises:workspace")).content.decode()


def test_a_submitted_application_offers_withdrawal_on_the_confirm_step(client, cast) -> None:
    client.force_login(cast.ent_a)
    page = client.get(url("confirm", cast.app_a)).content.decode()
    assert reverse("applications:step", kwargs={"pk": cast.app_a.pk, "action": "withdraw"}) in page
    assert url("submit", cast.app_a) not in page


def test_submitting_from_the_application_page_also_freezes_a_submission(client, cast) -> None:
    draft = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    client.force_login(cast.ent_a)
    response = client.post(reverse("applications:step", kwargs={"pk": draft.pk, "action": "submit"}))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert draft.submissions.count() == 1
    event = draft.events.get(action="submit")
    assert event.submission is not None
