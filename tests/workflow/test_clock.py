"""Every instant the Rules turn on, with the clock stopped on both sides of it (Asia/Shanghai).

The call's closing minute, a return's response deadline, and the last day of
the ban of Art. 12. (The notice's last day is in ``tests/notices``, the
cultivation deadline in ``tests/evaluations/test_cultivation_deadline.py``.)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from smartmfg.access import can_start_application
from smartmfg.calls.actions import do_close_call, do_update_call
from smartmfg.evaluations.actions import do_revoke_recognition
from smartmfg.lib.workdays import working_days_after
from smartmfg.reviews.actions import do_return_for_correction
from smartmfg.rules.checks.conduct import ban_ends_on
from smartmfg.wizard import actions
from smartmfg.workflow import actions as submission
from tests import factories
from tests.journeys import SHANGHAI, advance, document_number, today


def at(day: dt.date, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=SHANGHAI)


# ------------------------------------------------------------ the closing minute


def test_the_call_accepts_submissions_until_its_closing_minute(cast):
    closing = at(today() + dt.timedelta(days=2), 17)
    do_update_call(cast.call, {"closes_at": closing}, actor=cast.dept)
    cast.call.refresh_from_db()
    in_time = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    too_late = factories.draft_application(cast.call, cast.ent_b, tier="smart_factory")

    cast.clock.move_to(closing - dt.timedelta(seconds=1), tick=False)  # 16:59:59
    submission.do_submit_application(in_time, actor=cast.ent_a)
    in_time.refresh_from_db()
    assert in_time.status == "submitted"

    cast.clock.move_to(closing, tick=False)  # 17:00:00
    with pytest.raises(PermissionDenied, match="不在本批次的申报时间内"):
        submission.do_submit_application(too_late, actor=cast.ent_b)
    too_late.refresh_from_db()
    assert too_late.status == "draft"


# -------------------------------------------------------- the response deadline


def test_a_return_sets_a_response_deadline_of_ten_working_days_by_default(client, cast):
    event = do_return_for_correction(cast.app_a, reason="请补充审计报告", respond_by=None, actor=cast.changchun)
    due = working_days_after(today(), 10)
    assert cast.call.get_policy().return_response_working_days == 10
    assert event.data == {"respond_by": due.isoformat()}

    client.force_login(cast.ent_a)
    home = client.get(reverse("enterprises:workspace")).content.decode()
    assert f"请于 {due.isoformat()}（含）前修改并重新提交" in home
    form = client.get(reverse("apply:confirm", args=[cast.app_a.pk])).content.decode()
    assert f"重新提交期限：{due.isoformat()}（含）" in form


def test_a_response_deadline_cannot_be_in_the_past(client, cast):
    with pytest.raises(ValidationError) as refused:
        do_return_for_correction(
            cast.app_a, reason="请补充", respond_by=today() - dt.timedelta(days=1), actor=cast.changchun
        )
    assert "respond_by" in refused.value.message_dict
    client.force_login(cast.changchun)
    response = client.post(
        reverse("applications:step", args=[cast.app_a.pk, "bureau_return"]),
        {"reason": "请补充", "respond_by": (today() - dt.timedelta(days=1)).isoformat(), "seen": "submitted"},
    )
    assert response.status_code == 400 and "重新提交期限</a>：重新提交期限不能早于今天" in response.content.decode()
    cast.app_a.refresh_from_db()
    assert cast.app_a.status == "submitted"


def test_a_returned_application_comes_back_until_its_deadline_even_after_the_call_closed(cast):
    due = today() + dt.timedelta(days=5)
    do_return_for_correction(cast.app_a, reason="请补充", respond_by=due, actor=cast.changchun)
    do_return_for_correction(cast.app_b, reason="请补充", respond_by=due, actor=cast.jilin)
    do_close_call(cast.call, actor=cast.dept)
    cast.app_a.refresh_from_db()
    cast.app_b.refresh_from_db()

    cast.clock.move_to(at(due, 23, 59, 59), tick=False)
    submission.do_submit_application(cast.app_a, actor=cast.ent_a)
    cast.app_a.refresh_from_db()
    assert cast.app_a.status == "submitted"

    cast.clock.move_to(at(due + dt.timedelta(days=1), 0, 0, 0), tick=False)
    with pytest.raises(PermissionDenied, match=f"重新提交期限（{due.isoformat()}）已过"):
        submission.do_submit_application(cast.app_b, actor=cast.ent_b)
    cast.app_b.refresh_from_db()
    assert cast.app_b.status == "returned"


def test_a_first_submission_still_needs_the_call_open(cast):
    draft = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    do_close_call(cast.call, actor=cast.dept)
    cast.call.refresh_from_db()
    with pytest.raises(PermissionDenied, match="不在本批次的申报时间内"):
        submission.do_submit_application(draft, actor=cast.ent_a)


def test_the_api_takes_a_return_with_its_deadline(client, cast):
    client.force_login(cast.changchun)
    due = today() + dt.timedelta(days=3)
    response = client.post(
        f"/api/v1/applications/{cast.app_a.pk}/steps/bureau_return",
        {"reason": "请补充", "respond_by": due.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert cast.app_a.events.get(action="bureau_return").data == {"respond_by": due.isoformat()}


# ----------------------------------------------------------- the ban's last day


def test_starting_is_refused_through_the_bans_last_day_and_allowed_the_day_after(client, cast):
    recognised = advance(cast, cast.app_a, "published")
    do_revoke_recognition(
        recognised,
        reason="伪造发票",
        document_number=document_number(300),
        revoked_on=today(),
        subsidy_to_recover=Decimal("0"),
        files=[factories.pdf_upload()],
        actor=cast.dept,
    )
    last_day = ban_ends_on(today(), 3)

    cast.clock.move_to(at(last_day, 9), tick=False)
    client.force_login(cast.ent_a)  # three years on: a new session
    call = factories.open_call(cast.dept)
    refused = can_start_application(cast.ent_a, call, "digital_workshop")
    expected = f"至{last_day.year}年{last_day.month}月{last_day.day}日（含）不受理"
    assert not refused and "根据第十二条" in str(refused.reason) and expected in str(refused.reason)
    home = client.get(reverse("enterprises:workspace")).content.decode()
    assert 'id="ban"' in home and expected in home
    assert f'action="{reverse("apply:start", args=[call.pk, "digital_workshop"])}"' not in home
    start = client.post(reverse("apply:start", args=[call.pk, "digital_workshop"]))
    assert start.status_code == 403 and expected in start.content.decode()
    with pytest.raises(PermissionDenied, match="第十二条"):
        actions.do_create_application(call, cast.enterprise_a, "digital_workshop", actor=cast.ent_a)

    cast.clock.move_to(at(last_day + dt.timedelta(days=1), 9), tick=False)
    client.force_login(cast.ent_a)
    assert can_start_application(cast.ent_a, call, "digital_workshop")
    home = client.get(reverse("enterprises:workspace")).content.decode()
    assert 'id="ban"' not in home
    assert client.post(reverse("apply:start", args=[call.pk, "digital_workshop"])).status_code == 302
