"""A user's messages: only their own, the unread count on every page, reading recorded once."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from smartmfg.audit.models import AuditEntry
from smartmfg.inbox.actions import do_mark_read, do_send_messages
from smartmfg.inbox.models import Message

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _deliver(cast):
    do_send_messages([cast.ent_a], "test", "甲的消息", "正文甲", reverse("applications:detail", args=[cast.app_a.pk]))
    do_send_messages([cast.ent_b], "test", "乙的消息", "正文乙", "")
    return Message.objects.get(recipient=cast.ent_a), Message.objects.get(recipient=cast.ent_b)


@pytest.mark.django_db
def test_a_user_sees_their_own_messages_and_how_many_are_unread(client, cast) -> None:
    _deliver(cast)
    client.force_login(cast.ent_a)
    page = client.get(reverse("inbox:list")).content.decode()
    assert "甲的消息" in page
    assert "乙的消息" not in page
    # The header of every page counts the unread ones.
    home = client.get(reverse("accounts:home"), follow=True).content.decode()
    assert "1条未读" in home


@pytest.mark.django_db
def test_delivery_also_emails_whoever_has_an_address(cast) -> None:
    cast.ent_b.email = ""
    cast.ent_b.save(update_fields=["email"])
    mail.outbox.clear()
    _deliver(cast)
    assert [(m.to, m.subject) for m in mail.outbox] == [([cast.ent_a.email], "甲的消息")]
    assert Message.objects.filter(recipient=cast.ent_b).count() == 1  # told in the platform all the same


@pytest.mark.django_db
def test_reading_a_message_marks_it_once_and_records_the_first_reading(client, cast) -> None:
    mine, _other = _deliver(cast)
    first = dt.datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)
    cast.clock.move_to(first, tick=False)
    client.force_login(cast.ent_a)
    answer = client.post(reverse("inbox:read", args=[mine.pk]))
    assert answer.status_code == 302
    assert answer["Location"] == mine.url  # the message opens what it is about
    cast.clock.move_to(first + dt.timedelta(days=1), tick=False)
    client.post(reverse("inbox:read", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.read_at == first
    entries = AuditEntry.objects.filter(verb="read_message", target_id=str(mine.pk))
    assert [(e.actor_id, e.role) for e in entries] == [(cast.ent_a.pk, "enterprise")]
    home = client.get(reverse("inbox:list")).content.decode()
    assert "条未读" not in home


@pytest.mark.django_db
def test_someone_elses_message_is_not_found_and_stays_unread(client, cast) -> None:
    _mine, other = _deliver(cast)
    client.force_login(cast.ent_a)
    assert client.post(reverse("inbox:read", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None
    assert not AuditEntry.objects.filter(verb="read_message").exists()


@pytest.mark.django_db
def test_the_action_itself_refuses_anyone_but_the_recipient(cast) -> None:
    mine, _other = _deliver(cast)
    with pytest.raises(PermissionDenied, match="只有收件人"):
        do_mark_read(mine, actor=cast.ent_b)
    mine.refresh_from_db()
    assert mine.read_at is None


@pytest.mark.django_db
def test_reading_needs_a_post(client, cast) -> None:
    mine, _other = _deliver(cast)
    client.force_login(cast.ent_a)
    assert client.get(reverse("inbox:read", args=[mine.pk])).status_code == 405
    mine.refresh_from_db()
    assert mine.read_at is None
