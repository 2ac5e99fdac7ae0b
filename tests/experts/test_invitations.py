"""第九条: invitations are answered by the invited expert, before the deadline; silence counts as a decline."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from smartmfg.experts import actions
from smartmfg.experts.models import Invitation, Seat
from tests.experts.builders import assigned, drawn, in_review, pool, seats_of


@pytest.fixture
def invitation(cast):
    in_review(cast, cast.app_a, cast.app_b)
    pool(equipment=3)
    done = drawn(cast, quotas={"equipment": 2})
    return Invitation.objects.filter(draw=done).order_by("position").first()


def test_the_invited_expert_accepts(cast, invitation, client):
    client.force_login(invitation.expert.user)

    response = client.post(reverse("experts:accept", args=[invitation.pk]))

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.answered_at is not None


def test_another_expert_cannot_answer_it(cast, invitation, client):
    other = next(u for u in (cast.expert, cast.conflicted_expert) if u != invitation.expert.user)
    client.force_login(other)

    assert client.post(reverse("experts:accept", args=[invitation.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        actions.do_accept_invitation(invitation, actor=other)
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_a_decline_needs_a_reason(cast, invitation, client):
    client.force_login(invitation.expert.user)

    response = client.post(reverse("experts:decline", args=[invitation.pk]), {"reason": " "})

    assert response.status_code == 400 and "谢绝理由" in response.content.decode()
    with pytest.raises(ValidationError):
        actions.do_decline_invitation(invitation, reason="", actor=invitation.expert.user)
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert Invitation.objects.filter(draw=invitation.draw).count() == 2


def test_an_answer_is_given_once(cast, invitation):
    actions.do_accept_invitation(invitation, actor=invitation.expert.user)

    with pytest.raises(PermissionDenied):
        actions.do_decline_invitation(invitation, reason="改主意", actor=invitation.expert.user)


def test_the_deadline_to_the_second(cast, invitation, client):
    deadline = invitation.answer_by
    cast.clock.move_to(deadline, tick=False)
    assert actions.do_expire_invitations() == 0  # at the deadline: still open
    client.force_login(invitation.expert.user)
    assert "接受邀请" in client.get(reverse("experts:home")).content.decode()

    cast.clock.move_to(deadline + dt.timedelta(seconds=1), tick=False)
    with pytest.raises(PermissionDenied, match="答复期限已过"):
        actions.do_accept_invitation(invitation, actor=invitation.expert.user)
    assert client.post(reverse("experts:decline", args=[invitation.pk]), {"reason": "晚了"}).status_code == 403

    out = io.StringIO()
    call_command("send-reminders", stdout=out)  # the daily run: both silent invitations count as declines
    assert "逾期未答复的评审邀请 2 份" in out.getvalue()
    invitation.refresh_from_db()
    assert invitation.status == "expired"
    assert Invitation.objects.filter(draw=invitation.draw, replaces=invitation).exists()


def test_an_accepted_expert_who_withdraws_is_replaced_and_their_seats_refilled(cast, client):
    in_review(cast, cast.app_a, cast.app_b)
    pool(equipment=4)
    done = assigned(cast, quotas={"equipment": 5})
    leaving = Seat.objects.filter(draw=done, status="active").first().expert
    invitation = Invitation.objects.get(draw=done, expert=leaving)
    client.force_login(cast.dept)

    refused = client.post(reverse("experts:release", args=[invitation.pk]), {"reason": ""})
    assert refused.status_code == 400
    with pytest.raises(PermissionDenied):
        actions.do_release_expert(invitation, reason="生病", actor=cast.expert)
    assert client.post(reverse("experts:release", args=[invitation.pk]), {"reason": "突发疾病"}).status_code == 302

    invitation.refresh_from_db()
    assert invitation.status == "declined" and invitation.reason == "突发疾病"
    assert Invitation.objects.filter(replaces=invitation, status="pending").exists()  # the next ticket
    assert not Seat.objects.filter(draw=done, expert=leaving, status="active").exists()
    panels = seats_of(done)
    assert all(len(experts) == 2 for experts in panels.values())  # every seat filled again
    with pytest.raises(ValidationError):
        actions.do_release_expert(invitation, reason="再次", actor=cast.dept)
