"""The Department's workspace per call: counts by stage, tier and region; the work lists."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from smartmfg.evaluations.actions import do_order_spot_check
from smartmfg.reviews.models import LetterStatus, RecommendationLetter
from tests import factories
from tests.journeys import advance, document_number, recommend


def test_the_dashboard_counts_by_stage_tier_and_region(client, cast):
    advance(cast, cast.app_a, "recommended")
    advance(cast, cast.app_b, "expert_review")
    client.force_login(cast.dept)

    page = client.get(reverse("department:call", args=[cast.call.pk]))

    assert page.status_code == 200
    stages = {str(s.label): s.count for s in page.context["stages"]}
    assert stages["资格复审"] == 1
    assert stages["专家评审和现场抽查"] == 1
    assert stages["审议"] == 0
    assert {r["label"]: r["count"] for r in page.context["regions"]} == {"长春市": 1, "吉林市": 1}
    assert {str(r["label"]): r["count"] for r in page.context["tiers"]} == {"数字化车间（生产线）": 2}
    assert page.context["total"] == 2
    html = page.content.decode()
    assert reverse("department:requalify", args=[cast.call.pk]) in html


def test_the_dashboard_takes_a_fixed_number_of_queries(client, cast, django_assert_max_num_queries):
    client.force_login(cast.dept)
    url = reverse("department:call", args=[cast.call.pk])
    client.get(url)
    with django_assert_max_num_queries(16):
        client.get(url)


def test_the_requalify_list_shows_the_recommending_letters(client, cast):
    advance(cast, cast.app_a, "recommended")
    letter = RecommendationLetter.objects.create(
        call=cast.call,
        sender=cast.changchun.jurisdiction,
        recipient=cast.changchun.jurisdiction.parent,
        document_number=document_number(12, "长工信"),
        title="关于推荐的函",
        status=LetterStatus.SENT,
        created_by=cast.changchun,
        sent_at=timezone.now(),
    )
    letter.applications.add(cast.app_a)
    client.force_login(cast.dept)

    page = client.get(reverse("department:requalify", args=[cast.call.pk]))

    html = page.content.decode()
    assert cast.app_a.reference in html and document_number(12, "长工信") in html
    assert cast.app_b.reference not in html  # still at the initial review


def test_the_expert_list_shows_scores_and_spot_checks(client, cast):
    advance(cast, cast.app_a, "expert_recommended")
    advance(cast, cast.app_b, "expert_review")
    do_order_spot_check(cast.app_b, purpose="核实", actor=cast.dept)
    client.force_login(cast.dept)

    page = client.get(reverse("department:experts", args=[cast.call.pk]))

    rows = {r.record.pk: r.record for r in page.context["table"].rows}
    assert rows[cast.app_a.pk].latest_score == Decimal("86.50")
    assert rows[cast.app_b.pk].spot_pending is True
    assert "待录入结果" in page.content.decode()
    export = client.get(reverse("department:experts", args=[cast.call.pk]), {"_export": "csv"})
    assert "86.50" in export.content.decode("utf-8-sig")


def _many_recommended(cast, count, start=0):
    """``count`` more recommended applications of new enterprises in 长春 and 吉林市."""
    for n in range(start, start + count):
        division, reviewer = ("220104", cast.changchun) if n % 2 else ("220204", cast.jilin)
        company = factories.enterprise(f"批量企业{n}", division)
        applicant = factories.enterprise_user(f"batch{n}", company)
        recommend(cast, factories.submitted_application(cast.call, applicant, reviewer=reviewer))


@pytest.mark.parametrize("name", ["department:requalify", "department:experts", "department:cultivation"])
def test_stage_lists_take_the_same_queries_for_many_rows(client, cast, django_assert_max_num_queries, name):
    client.force_login(cast.dept)
    url = reverse(name, args=[cast.call.pk])
    _many_recommended(cast, 1)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    _many_recommended(cast, 6, start=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_stage_index_lists_the_calls(client, cast, django_assert_max_num_queries):
    advance(cast, cast.app_a, "recommended")
    client.force_login(cast.dept)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("department:stages"))
    call = next(c for c in page.context["calls"] if c.pk == cast.call.pk)
    assert (call.total, call.waiting) == (2, 1)


def test_the_application_page_shows_the_stage_records_to_the_department_only(client, cast):
    advance(cast, cast.app_a, "expert_recommended")
    url = reverse("applications:detail", args=[cast.app_a.pk])
    client.force_login(cast.dept)
    assert "专家评审结论" in client.get(url).content.decode()
    client.force_login(cast.ent_a)
    assert "复审、评审与公示" not in client.get(url).content.decode()


@pytest.mark.parametrize(
    "name",
    ["department:call", "department:deliberation_detail", "department:revocation", "notices:manage"],
)
def test_a_missing_object_is_404_for_the_department_and_403_for_a_bureau(client, cast, name):
    kwargs = {"call": 999999} if name == "department:call" else {"pk": 999999}
    url = reverse(name, kwargs=kwargs)
    client.force_login(cast.dept)
    assert client.get(url).status_code == 404
    client.force_login(cast.changchun)
    assert client.get(url).status_code == 403
