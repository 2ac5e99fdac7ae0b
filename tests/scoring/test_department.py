"""The Department's side of the scoring (第九条): sheets, opening the review, who is late, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from smartmfg.audit.models import AuditEntry
from smartmfg.inbox.models import Message
from smartmfg.scoring import actions
from smartmfg.scoring.models import Reminder
from tests.scoring.builders import panel, review_of, scored, seat

pytestmark = pytest.mark.django_db


def _sheet_post(sheet_content: dict, **changes: str) -> dict[str, str]:
    data = {
        "c-TOTAL_FORMS": str(len(sheet_content["criteria"])),
        "c-INITIAL_FORMS": str(len(sheet_content["criteria"])),
        "v-TOTAL_FORMS": str(len(sheet_content["vetoes"])),
        "v-INITIAL_FORMS": str(len(sheet_content["vetoes"])),
    }
    for i, c in enumerate(sheet_content["criteria"]):
        for name in ("key", "title", "title_en", "points", "guidance", "article"):
            data[f"c-{i}-{name}"] = str(c[name])
        if c["comment_required"]:
            data[f"c-{i}-comment_required"] = "on"
    for i, v in enumerate(sheet_content["vetoes"]):
        for name in ("key", "title", "title_en"):
            data[f"v-{i}-{name}"] = v[name]
    data.update(changes)
    return data


def test_a_sheet_that_does_not_total_100_is_refused_and_a_frozen_one_cannot_change(cast, client):
    client.force_login(cast.dept)
    url = reverse("scoring:sheet", args=[cast.call.pk, "digital_workshop"])
    assert client.get(url).status_code == 200
    stored = actions.sheet_for(cast.call, "digital_workshop")
    response = client.post(url, _sheet_post(stored.content, **{"c-0-points": "20"}))
    assert response.status_code == 400 and "100" in response.content.decode()
    stored.refresh_from_db()
    assert stored.content["criteria"][0]["points"] == "15"
    # moving 5 points from one criterion to another keeps 100: saved
    data = _sheet_post(stored.content, **{"c-0-points": "20", "c-1-points": "5"})
    assert client.post(url, data).status_code == 302
    stored.refresh_from_db()
    assert stored.content["criteria"][0]["points"] == "20"
    # the review opens: the sheet freezes
    panel(cast)
    stored.refresh_from_db()
    assert stored.frozen_at is not None
    with pytest.raises(ValidationError, match="锁定"):
        actions.do_update_sheet(stored, stored.content, actor=cast.dept)
    page = client.get(url).content.decode()
    assert "已锁定" in page and "保存评分表" not in page


def test_the_review_needs_seats_and_a_deadline_in_the_future(cast, client):
    draw, _experts = panel(cast, open_review=False)
    client.force_login(cast.dept)
    past = (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("scoring:open", args=[draw.pk]), {"due_at": past})
    assert response.status_code == 400 and "须晚于现在" in response.content.decode()
    future = (timezone.localtime() + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(reverse("scoring:open", args=[draw.pk]), {"due_at": future}).status_code == 302
    assert AuditEntry.objects.filter(verb="open_review").exists()
    assert AuditEntry.objects.filter(verb="freeze_sheet").exists()
    assert client.post(reverse("scoring:open", args=[draw.pk]), {"due_at": future}).status_code == 400


def test_opening_tells_each_expert_their_deadline(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _draw, experts = panel(cast)
    told = Message.objects.filter(event="scoring_opened")
    assert {m.recipient_id for m in told} == {e.user_id for e in experts}
    assert all(other.code not in m.body for m in told for other in experts)
    assert any("评分截止时间" in message.body for message in mail.outbox)


def test_reminders_three_days_and_one_day_before_to_the_experts_still_scoring(cast, django_capture_on_commit_callbacks):
    draw, experts = panel(cast, due_in=dt.timedelta(days=10))
    review = review_of(draw)
    scored(draw, experts[1], cast.app_b, "80")  # done: never reminded
    cast.clock.move_to(review.due_at - dt.timedelta(days=3, seconds=1), tick=False)
    assert actions.send_scoring_reminders() == []  # just before the window
    cast.clock.move_to(review.due_at - dt.timedelta(days=3), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        sent = actions.send_scoring_reminders()
    assert {r.expert for r in sent} == {experts[0], experts[2]} and {r.days_before for r in sent} == {3}
    assert Message.objects.filter(event="scoring_reminder").count() == 2
    assert actions.send_scoring_reminders() == []  # once
    cast.clock.move_to(review.due_at - dt.timedelta(days=1), tick=False)
    assert {r.days_before for r in actions.send_scoring_reminders()} == {1}
    cast.clock.move_to(review.due_at + dt.timedelta(seconds=1), tick=False)
    assert actions.send_scoring_reminders() == []  # past the deadline: the Department acts
    assert Reminder.objects.count() == 4


def test_the_department_sees_who_is_late_and_extends_one_deadline(cast, client):
    draw, experts = panel(cast)
    review = review_of(draw)
    scored(draw, experts[1], cast.app_b, "80")
    cast.clock.move_to(review.due_at + dt.timedelta(minutes=1), tick=False)
    client.force_login(cast.dept)
    page = client.get(reverse("scoring:round", args=[review.pk])).content.decode()
    assert page.count("已逾期") == 2 and "已完成" in page
    later = (timezone.localtime(review.due_at) + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("scoring:extend", args=[review.pk]),
        {"extension-expert": experts[0].pk, "extension-due_at": later, "extension-reason": ""},
    )
    assert response.status_code == 400 and "延期理由" in response.content.decode()
    response = client.post(
        reverse("scoring:extend", args=[review.pk]),
        {"extension-expert": experts[0].pk, "extension-due_at": later, "extension-reason": "出差"},
    )
    assert response.status_code == 302
    page = client.get(reverse("scoring:round", args=[review.pk])).content.decode()
    assert page.count("已逾期") == 1
    place = seat(draw, experts[0])
    assert actions.do_save_score(
        place,
        points={},
        comments={},
        vetoes=[],
        opinion="",
        technical_merit=None,
        recommended=None,
        actor=experts[0].user,
    )


def test_the_leader_is_one_of_the_accepted_experts(cast, client):
    draw, experts = panel(cast)
    review = review_of(draw)
    client.force_login(cast.dept)
    outsider = cast.conflicted_expert.expert
    response = client.post(reverse("scoring:leader", args=[review.pk]), {"leader-expert": outsider.pk})
    assert response.status_code == 400
    assert client.post(reverse("scoring:leader", args=[review.pk]), {"leader-expert": experts[2].pk}).status_code == 302
    review.refresh_from_db()
    assert review.leader == experts[2]
    client.force_login(experts[2].user)
    home = client.get(reverse("experts:home")).content.decode()
    assert reverse("scoring:panel", args=[review.pk]) in home


def test_the_expert_home_shows_deadline_and_progress(cast, client):
    draw, _experts = panel(cast, cast.app_b)
    scored(draw, cast.expert.expert, cast.app_b, "77.5")
    client.force_login(cast.expert)
    home = client.get(reverse("experts:home")).content.decode()
    assert "已提交 1/1" in home and "77.5" in home


def test_an_extension_must_be_later_than_the_deadline_it_replaces(cast):
    draw, experts = panel(cast)
    review = review_of(draw)
    for due in (review.due_at, review.due_at - dt.timedelta(hours=1)):
        with pytest.raises(ValidationError, match="须晚于现在和原截止时间"):
            actions.do_extend_deadline(review, experts[0], due_at=due, reason="出差", actor=cast.dept)
    later = actions.do_extend_deadline(
        review, experts[0], due_at=review.due_at + dt.timedelta(seconds=1), reason="出差", actor=cast.dept
    )
    assert review.due_for(experts[0]) == later.due_at and review.due_for(experts[1]) == review.due_at
    outsider = cast.conflicted_expert.expert
    with pytest.raises(ValidationError, match="没有评审任务"):
        actions.do_extend_deadline(review, outsider, due_at=later.due_at, reason="出差", actor=cast.dept)
