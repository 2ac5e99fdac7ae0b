"""The public results page: the published lists, by year, and nothing that is not published."""

from __future__ import annotations

from django.urls import reverse

from smartmfg.evaluations.actions import do_revoke_recognition
from tests import factories
from tests.journeys import advance, cultivation_application, document_number, publish, today


def test_anyone_reads_the_published_list_and_nothing_unpublished(client, cast):
    recognised = advance(cast, cast.app_a, "notice_passed")
    cultivating = advance(cast, cultivation_application(cast), "notice_passed")
    publication = publish(cast, cast.call, recognised, cultivating)
    advance(cast, cast.app_b, "in_notice")  # on notice, not published

    page = client.get(reverse("public:results"))

    html = page.content.decode()
    assert page.status_code == 200
    assert publication.title in html and publication.document_number in html
    assert "长春甲企业有限公司" in html and "长春丙在建项目有限公司" in html
    assert "吉林乙企业有限公司" not in html
    assert f"{cast.call.year}年度" in html
    lines = page.context["years"][0][1][0]["lines"]
    assert {line["enterprise"]: str(line["outcome_label"]) for line in lines} == {
        "长春甲企业有限公司": "认定",
        "长春丙在建项目有限公司": "培育",
    }
    assert {line["tier_label"] for line in lines} == {"数字化车间（生产线）"}


def test_before_any_publication_the_page_says_so(client, cast):
    advance(cast, cast.app_a, "approved")
    page = client.get(reverse("public:results"))
    assert "尚未发布认定名单" in page.content.decode()
    assert "长春甲企业有限公司" not in page.content.decode()


def test_a_revoked_recognition_is_marked(client, cast):
    recognised = advance(cast, cast.app_a, "published")
    do_revoke_recognition(
        recognised,
        reason="弄虚作假",
        document_number=document_number(300),
        revoked_on=today(),
        subsidy_to_recover=0,
        files=[factories.pdf_upload()],
        actor=cast.dept,
    )
    html = client.get(reverse("public:results")).content.decode()
    assert "已撤销认定" in html


def test_the_page_takes_the_same_queries_for_many_publications(client, cast, django_assert_max_num_queries):
    publish(cast, cast.call, advance(cast, cast.app_a, "notice_passed"), number=document_number(1))
    with django_assert_max_num_queries(6) as few:
        client.get(reverse("public:results"))
    publish(cast, cast.call, advance(cast, cast.app_b, "notice_passed"), number=document_number(2))
    publish(
        cast,
        cast.call,
        advance(cast, cultivation_application(cast), "notice_passed"),
        number=document_number(3, "吉工信"),
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("public:results"))
