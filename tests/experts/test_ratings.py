"""一项目一评价 (第九条): the Department rates each expert who held a seat in a call, one rating per call."""

from __future__ import annotations

import pytest
from django.urls import reverse

from smartmfg.audit.models import AuditEntry
from smartmfg.experts.models import Expert, Rating, Seat
from tests import factories
from tests.experts.builders import assigned, in_review, pool


@pytest.fixture
def seated(cast) -> list[Expert]:
    """The experts holding seats on the call's two applications, in code order."""
    in_review(cast, cast.app_a, cast.app_b)
    pool(equipment=3)
    draw = assigned(cast)
    ids = set(Seat.objects.filter(draw=draw).values_list("expert_id", flat=True))
    return list(Expert.objects.filter(pk__in=ids).order_by("code"))


def test_the_page_has_a_form_for_each_expert_who_sat_in_the_call(client, cast, seated):
    client.force_login(cast.dept)

    page = client.get(reverse("experts:ratings", args=[cast.call.pk]))

    assert page.status_code == 200
    rows = page.context["rows"]
    assert [r["expert"] for r in rows] == seated
    assert sum(r["expert"].seat_count for r in rows) == Seat.objects.count()
    html = page.content.decode()
    for expert in seated:
        assert f'id="rate-{expert.pk}"' in html and f'for="id_expert-{expert.pk}-timeliness"' in html
    unseated = set(Expert.objects.all()) - set(seated)
    assert all(f'id="rate-{e.pk}"' not in html for e in unseated)


def test_a_rating_is_saved_for_one_expert_and_corrected_later(client, cast, seated):
    expert = seated[0]
    client.force_login(cast.dept)
    url = reverse("experts:ratings", args=[cast.call.pk])
    prefix = f"expert-{expert.pk}"

    saved = client.post(
        url,
        {"expert": expert.pk, f"{prefix}-timeliness": "5", f"{prefix}-diligence": "4", f"{prefix}-notes": "意见详实"},
    )

    assert saved.status_code == 302 and saved["Location"].endswith(f"#expert-{expert.pk}")
    rating = Rating.objects.get()
    assert (rating.expert, rating.call, rating.timeliness, rating.diligence, rating.notes) == (
        expert,
        cast.call,
        5,
        4,
        "意见详实",
    )
    assert rating.rated_by == cast.dept

    client.post(
        url,
        {"expert": expert.pk, f"{prefix}-timeliness": "3", f"{prefix}-diligence": "4", f"{prefix}-notes": "意见详实"},
    )

    rating.refresh_from_db()
    assert rating.timeliness == 3 and Rating.objects.count() == 1
    trail = AuditEntry.objects.filter(verb="rate_expert", target_id=str(expert.pk)).order_by("id")
    assert [e.changes for e in trail] == [{}, {"timeliness": ["5", "3"]}]
    page = client.get(url).content.decode()
    assert "更正" in page


def test_a_score_out_of_range_is_refused_on_its_field(client, cast, seated):
    expert = seated[0]
    client.force_login(cast.dept)
    prefix = f"expert-{expert.pk}"

    response = client.post(
        reverse("experts:ratings", args=[cast.call.pk]),
        {"expert": expert.pk, f"{prefix}-timeliness": "6", f"{prefix}-diligence": ""},
    )

    assert response.status_code == 400
    assert set(response.context["bound"].errors) == {"timeliness", "diligence"}
    assert f'<a href="#id_{prefix}-timeliness">及时性</a>' in response.content.decode()
    assert not Rating.objects.exists()


def test_an_expert_without_a_seat_in_the_call_cannot_be_rated(client, cast, seated):
    outsider = factories.expert(factories.user("outsider", is_expert=True))
    client.force_login(cast.dept)
    prefix = f"expert-{outsider.pk}"

    response = client.post(
        reverse("experts:ratings", args=[cast.call.pk]),
        {"expert": outsider.pk, f"{prefix}-timeliness": "5", f"{prefix}-diligence": "5"},
    )

    assert response.status_code == 404 and not Rating.objects.exists()


def test_a_call_without_seats_has_nobody_to_rate(client, cast):
    client.force_login(cast.dept)
    page = client.get(reverse("experts:ratings", args=[cast.call.pk]))
    assert page.status_code == 200 and page.context["rows"] == []


def test_the_pool_shows_reviews_and_the_latest_rating_and_links_the_call(client, cast, seated):
    expert = seated[0]
    client.force_login(cast.dept)
    prefix = f"expert-{expert.pk}"
    client.post(
        reverse("experts:ratings", args=[cast.call.pk]),
        {"expert": expert.pk, f"{prefix}-timeliness": "5", f"{prefix}-diligence": "4"},
    )

    page = client.get(reverse("experts:pool"))

    rows = {r.record.pk: r.record for r in page.context["table"].rows}
    assert rows[expert.pk].reviews == Seat.objects.filter(expert=expert, status="active").count() > 0
    assert rows[expert.pk].latest_rating == 4.5
    assert reverse("experts:ratings", args=[cast.call.pk]) in page.content.decode()
    detail = client.get(reverse("experts:detail", args=[expert.pk])).content.decode()
    assert cast.app_a.reference in detail or cast.app_b.reference in detail  # the review history
    assert "评价" in detail and cast.call.title in detail
