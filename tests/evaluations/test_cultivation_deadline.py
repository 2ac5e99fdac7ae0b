"""Art. 5-7 §1: the cultivation deadline, with the clock stopped on both sides of it.

A project converts only if it entered production by the call's deadline; it
is dropped only once the deadline has passed; the Department's workbench lists
the projects past it; the enterprise is reminded 30 and 7 days before.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from smartmfg.eligibility.actions import do_change_policy
from smartmfg.evaluations.actions import do_convert_cultivation, send_cultivation_reminders
from smartmfg.evaluations.models import CultivationReminder
from smartmfg.inbox.models import Message
from smartmfg.workflow.transition import transition
from tests import factories
from tests.journeys import SHANGHAI, advance, cultivation_application, today


def at(day: dt.date, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=SHANGHAI)


@pytest.fixture
def cultivating(cast):
    """A cultivation project (due in production in 120 days) whose call's deadline is 130 days from today."""
    application = advance(cast, cultivation_application(cast), "published")
    deadline = today() + dt.timedelta(days=130)
    do_change_policy(cast.call, {"cultivation_deadline": deadline.isoformat()}, reason="本年度期限", actor=cast.dept)
    application.call.refresh_from_db()
    return application


def deadline_of(application) -> dt.date:
    return application.call.get_policy().cultivation_deadline


def convert(cast, application, entered_on: dt.date):
    return do_convert_cultivation(
        application,
        production_started_on=entered_on,
        reason="已建成投产",
        files=[factories.pdf_upload("投产证明.pdf")],
        actor=cast.dept,
    )


def test_a_project_in_production_by_the_deadline_converts(cast, cultivating):
    deadline = deadline_of(cultivating)
    cast.clock.move_to(at(deadline + dt.timedelta(days=3), 10), tick=False)
    convert(cast, cultivating, deadline)
    cultivating.refresh_from_db()
    assert cultivating.status == "recognised"


def test_a_project_in_production_a_day_late_cannot_convert(client, cast, cultivating):
    deadline = deadline_of(cultivating)
    cast.clock.move_to(at(deadline + dt.timedelta(days=3), 10), tick=False)
    with pytest.raises(ValidationError) as refused:
        convert(cast, cultivating, deadline + dt.timedelta(days=1))
    message = refused.value.message_dict["production_started_on"][0]
    assert "晚于本批次培育项目的建成投产期限" in message and "培育期满未建成投产" in message

    client.force_login(cast.dept)
    page = client.post(
        reverse("applications:step", args=[cultivating.pk, "convert_cultivation"]),
        {
            "production_started_on": (deadline + dt.timedelta(days=1)).isoformat(),
            "reason": "已建成投产",
            "documents": [factories.pdf_upload()],
            "seen": "cultivating",
        },
    )
    assert page.status_code == 400 and "建成投产日期</a>：建成投产日期" in page.content.decode()
    cultivating.refresh_from_db()
    assert cultivating.status == "cultivating"


def test_a_project_is_dropped_only_from_the_day_after_the_deadline(cast, cultivating):
    deadline = deadline_of(cultivating)
    cast.clock.move_to(at(deadline, 23, 59, 59), tick=False)
    with pytest.raises(PermissionDenied, match="尚未届满"):
        transition(cultivating, "drop_cultivation", cast.dept, reason="未建成")
    cast.clock.move_to(at(deadline + dt.timedelta(days=1), 0, 0, 0), tick=False)
    transition(cultivating, "drop_cultivation", cast.dept, reason="期满未建成投产")
    cultivating.refresh_from_db()
    assert cultivating.status == "cultivation_dropped"


def test_the_workbench_lists_projects_past_their_deadline(client, cast, cultivating):
    deadline = deadline_of(cultivating)
    cast.clock.move_to(at(deadline, 18), tick=False)
    client.force_login(cast.dept)
    assert 'id="overdue"' not in client.get(reverse("department:stages")).content.decode()
    cast.clock.move_to(at(deadline + dt.timedelta(days=1), 9), tick=False)
    client.force_login(cast.dept)
    page = client.get(reverse("department:stages")).content.decode()
    assert 'id="overdue"' in page and cultivating.reference in page


@pytest.mark.parametrize(
    ("days_before", "sent"),
    [(31, []), (30, [30]), (29, [30]), (7, [7]), (0, [7]), (-1, [])],
)
def test_the_enterprise_is_reminded_30_and_7_days_before(cast, cultivating, days_before, sent):
    """Each reminder is sent once, by the first run on or after its day (a missed day is caught up)."""
    deadline = deadline_of(cultivating)
    cast.clock.move_to(at(deadline - dt.timedelta(days=days_before), 8), tick=False)
    mail.outbox.clear()
    assert [r.days_before for r in send_cultivation_reminders()] == sent
    assert send_cultivation_reminders() == []  # a second run the same day sends nothing again
    if sent:
        message = Message.objects.get(event="cultivation_reminder")
        assert message.recipient.enterprise_id == cultivating.enterprise_id
        assert cultivating.reference in message.subject and deadline.isoformat() in message.body
        assert [m.to for m in mail.outbox] == [[message.recipient.email]]


def test_the_reminders_command(cast, cultivating):
    deadline = deadline_of(cultivating)
    cast.clock.move_to(at(deadline - dt.timedelta(days=30), 8), tick=False)
    out = io.StringIO()
    call_command("send-reminders", stdout=out)
    assert f"{cultivating.reference}\t{deadline.isoformat()}\t-30" in out.getvalue()
    assert "已发送 1 条提醒" in out.getvalue()
    assert CultivationReminder.objects.get().days_before == 30
