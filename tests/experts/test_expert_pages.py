"""第九条: the expert's own pages; names of experts never reach the enterprise or the bureau."""

from __future__ import annotations

import pytest
from django.urls import reverse

from smartmfg.experts.models import Conflict, Invitation, Seat
from tests.experts.builders import assigned, drawn, in_review, pool, seats_of


@pytest.fixture
def review(cast):
    in_review(cast, cast.app_a, cast.app_b)
    return pool(equipment=3)


def test_an_invitation_shows_the_call_and_count_but_no_enterprise(cast, review, client):
    done = drawn(cast, quotas={"equipment": 5})
    client.force_login(cast.expert)

    page = client.get(reverse("experts:home")).content.decode()

    assert cast.call.title in page and "接受邀请" in page
    assert cast.enterprise_a.name not in page and cast.enterprise_b.name not in page
    assert Invitation.objects.filter(draw=done, expert=cast.expert.expert).exists()


def test_the_application_opens_only_after_declaring_no_conflict(cast, review, client):
    done = assigned(cast, quotas={"equipment": 5})
    seat = Seat.objects.filter(draw=done, expert=cast.expert.expert).first()
    client.force_login(cast.expert)
    detail = reverse("applications:detail", args=[seat.application_id])

    assert client.get(detail).status_code == 404
    assert seat.application.enterprise.name in client.get(reverse("experts:declare", args=[seat.pk])).content.decode()
    response = client.post(reverse("experts:declare", args=[seat.pk]), {"answer": "none"})

    # straight to the review: the application as submitted beside its scoring sheet
    assert response.status_code == 302 and response["Location"] == reverse("scoring:score", args=[seat.pk])
    assert client.get(detail).status_code == 200
    other = {cast.app_a.pk, cast.app_b.pk} - {seat.application_id}
    if not Seat.objects.filter(draw=done, expert=cast.expert.expert, application_id__in=other).exists():
        assert client.get(reverse("applications:detail", args=[other.pop()])).status_code == 404


def test_declaring_a_conflict_needs_its_kind_and_account_then_refills_the_seat(cast, review, client):
    done = assigned(cast, quotas={"equipment": 5})
    seat = Seat.objects.filter(draw=done, expert=cast.expert.expert).first()
    client.force_login(cast.expert)
    url = reverse("experts:declare", args=[seat.pk])

    refused = client.post(url, {"answer": "conflict", "kind": "", "evidence": ""})
    assert refused.status_code == 400 and "请选择回避情形" in refused.content.decode()
    assert not Conflict.objects.exists()

    response = client.post(url, {"answer": "conflict", "kind": "family", "evidence": "法定代表人是我表兄"})

    assert response.status_code == 302
    conflict = Conflict.objects.get()
    assert (conflict.expert, conflict.source, conflict.kind) == (cast.expert.expert, "expert", "family")
    panel = seats_of(done)[seat.application_id]
    assert cast.expert.expert.pk not in panel and len(panel) == 2
    assert client.get(url).status_code == 404  # the seat is gone


def test_another_expert_cannot_declare_on_a_seat(cast, review, client):
    done = assigned(cast, quotas={"equipment": 5})
    seat = Seat.objects.filter(draw=done).exclude(expert=cast.expert.expert).first()
    client.force_login(cast.expert)

    assert client.post(reverse("experts:declare", args=[seat.pk]), {"answer": "none"}).status_code == 404
    seat.refresh_from_db()
    assert seat.declared_at is None


def test_enterprises_and_bureaus_never_see_who_reviews(cast, review, client):
    done = assigned(cast, quotas={"equipment": 5})
    seated = {s.expert for s in Seat.objects.filter(draw=done)}
    assert cast.app_a.events.filter(action="assign_experts").exists()  # the step is in the history ...
    for user in (cast.ent_a, cast.changchun):
        client.force_login(user)
        page = client.get(reverse("applications:detail", args=[cast.app_a.pk])).content.decode()
        assert not any(e.name in page or e.code in page for e in seated)  # ... its experts are not


def test_the_expert_sees_their_own_record_masked(cast, client):
    client.force_login(cast.expert)

    page = client.get(reverse("experts:my_record")).content.decode()

    record = cast.expert.expert
    assert record.code in page and record.resident_id not in page and record.resident_id[-4:] in page
