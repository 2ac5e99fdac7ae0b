"""Domain.md §7: the experts' names stay with the Department, in an application's history too."""

from __future__ import annotations

import pytest
from django.urls import reverse

from smartmfg.access import visible_visits
from tests.visits.builders import fill, members_of, scheduled, sign


@pytest.fixture
def reported(cast):
    visit = scheduled(cast)
    fill(visit, cast.expert)
    return sign(visit, *members_of(visit))  # the last signer, visit-expert-3, takes the step


@pytest.mark.parametrize(("persona", "names"), [("ent_a", False), ("changchun", False), ("dept", True)])
def test_the_history_names_the_expert_to_the_department_only(client, cast, reported, persona, names):
    client.force_login(getattr(cast, persona))
    page = client.get(reverse("applications:detail", kwargs={"pk": cast.app_a.pk})).content.decode()

    assert ("visit-expert-3" in page) is names
    assert ("· 评审专家" in page) is not names
    assert ("现场抽查报告-" in page) is names  # the signed report names the experts


def test_each_sees_only_their_visits(cast, reported):
    assert list(visible_visits(cast.dept)) == [reported]
    assert list(visible_visits(cast.expert)) == [reported]
    assert not visible_visits(cast.conflicted_expert).exists()
    assert not visible_visits(cast.ent_a).exists()
    assert not visible_visits(cast.changchun).exists()


def test_the_lists_take_a_fixed_number_of_queries(client, cast, reported, django_assert_max_num_queries):
    client.force_login(cast.dept)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("visits:call", kwargs={"call": cast.call.pk})).status_code == 200
    client.force_login(cast.expert)
    with django_assert_max_num_queries(4):
        assert client.get(reverse("visits:mine")).status_code == 200


@pytest.mark.parametrize(("persona", "names"), [("ent_a", False), ("changchun", False), ("dept", True)])
def test_the_api_history_and_the_submission_page_name_no_expert_but_to_the_department(
    client, cast, reported, persona, names
):
    from smartmfg.api.actions import do_issue_api_token

    _token, key = do_issue_api_token(getattr(cast, persona), name="业务系统", actor=cast.admin)
    history = client.get(f"/api/v1/applications/{cast.app_a.pk}", HTTP_AUTHORIZATION=f"Bearer {key}").json()["history"]
    reported_by = next(e for e in history if e["action"] == "report_visit")
    assert (reported_by["actor"] == "visit-expert-3") is names
    assert names or reported_by["actor"] == "评审专家"
    client.force_login(getattr(cast, persona))
    page = client.get(reverse("apply:submission", args=[cast.app_a.pk, 1])).content.decode()
    assert ("visit-expert-3" in page) is names


@pytest.mark.parametrize(("persona", "code"), [("ent_a", 404), ("changchun", 404), ("dept", 200)])
def test_the_signed_report_naming_the_experts_downloads_for_the_department_only(client, cast, reported, persona, code):
    report = cast.app_a.attachments.get(event__action="report_visit")
    client.force_login(getattr(cast, persona))
    assert client.get(reverse("applications:attachment", args=[cast.app_a.pk, report.pk])).status_code == code
