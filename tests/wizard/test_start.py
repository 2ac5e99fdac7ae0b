"""Starting an application from the workspace: one button per tier the call offers."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from smartmfg.applications.models import Application
from tests import factories


def test_the_workspace_offers_a_button_per_tier_and_says_why_one_is_disabled(client, cast) -> None:
    client.force_login(cast.ent_a)
    page = client.get(reverse("enterprises:workspace")).content.decode()
    for tier in ("数字化车间（生产线）", "智能工厂", "未来工厂"):
        assert f"申报{tier}" in page
    # A already applies for a digital workshop in this call (cast.app_a).
    assert f"本企业已在本批次申报该类别（{cast.app_a.reference}）" in page
    assert page.count("disabled") == 1


def test_a_call_offering_fewer_tiers_shows_fewer_buttons(client, cast) -> None:
    call = factories.open_call(cast.dept, tiers=["future_factory"])
    client.force_login(cast.ent_a)
    page = client.get(reverse("enterprises:workspace")).content.decode()
    assert reverse("apply:start", kwargs={"call_id": call.pk, "tier": "future_factory"}) in page
    assert reverse("apply:start", kwargs={"call_id": call.pk, "tier": "smart_factory"}) not in page


def test_starting_creates_the_draft_and_opens_its_form(client, cast) -> None:
    client.force_login(cast.ent_a)
    response = client.post(reverse("apply:start", kwargs={"call_id": cast.call.pk, "tier": "smart_factory"}))
    draft = Application.objects.get(enterprise=cast.enterprise_a, tier="smart_factory")
    assert draft.status == "draft"
    assert draft.jurisdiction == cast.enterprise_a.jurisdiction
    assert response["Location"] == reverse("apply:enterprise", kwargs={"pk": draft.pk})
    page = client.get(response["Location"]).content.decode()
    assert draft.reference in page
    assert "企业信息" in page and "车间" in page  # a smart factory has the workshops step


def test_starting_twice_opens_the_same_draft(client, cast) -> None:
    client.force_login(cast.ent_a)
    url = reverse("apply:start", kwargs={"call_id": cast.call.pk, "tier": "digital_workshop"})
    response = client.post(url)
    assert response["Location"] == reverse("apply:enterprise", kwargs={"pk": cast.app_a.pk})
    assert Application.objects.filter(enterprise=cast.enterprise_a).count() == 1


def test_a_closed_call_or_a_tier_it_does_not_offer_cannot_be_started(client, cast) -> None:
    client.force_login(cast.ent_a)
    narrow = factories.open_call(cast.dept, tiers=["digital_workshop"])
    response = client.post(reverse("apply:start", kwargs={"call_id": narrow.pk, "tier": "future_factory"}))
    assert response.status_code == 403
    assert "本批次不受理该类别的申报" in response.content.decode()
    cast.call.closes_at = timezone.now() - dt.timedelta(minutes=1)
    cast.call.save()
    response = client.post(reverse("apply:start", kwargs={"call_id": cast.call.pk, "tier": "future_factory"}))
    assert response.status_code == 403
    assert not Application.objects.filter(tier="future_factory").exists()


def test_an_unknown_tier_is_not_found(client, cast) -> None:
    client.force_login(cast.ent_a)
    response = client.post(reverse("apply:start", kwargs={"call_id": cast.call.pk, "tier": "space_station"}))
    assert response.status_code == 404


def test_the_workspace_reads_in_a_bounded_number_of_queries(client, cast, django_assert_max_num_queries) -> None:
    for n in range(2):
        factories.open_call(cast.dept, title=f"另一批次{n}")
    factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    factories.draft_application(cast.call, cast.ent_a, tier="future_factory")
    client.force_login(cast.ent_a)
    # Session, user, enterprise, applications, returns, calls, one check per tier button, messages.
    with django_assert_max_num_queries(20):
        response = client.get(reverse("enterprises:workspace"))
    assert response.status_code == 200
