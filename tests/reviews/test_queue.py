"""The bureau's queue: what awaits it first, counts, the review deadline, export, a constant number of queries."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.journeys import pass_review

QUEUE = reverse("reviews:bureau_home")


def references(response) -> set[str]:
    return {record.reference for record in response.context["table"].data}


def test_the_queue_shows_what_awaits_the_bureau_first(client, cast):
    other = factories.enterprise_user("ent_c", factories.enterprise("长春丙企业有限公司", "220104"))
    passed = pass_review(factories.submitted_application(cast.call, other, reviewer=cast.changchun), cast.changchun)
    client.force_login(cast.changchun)

    response = client.get(QUEUE)
    assert references(response) == {cast.app_a.reference}  # not 吉林市's, not the one already passed
    assert response.context["todo_count"] == 1
    assert response.context["to_send_count"] == 1
    assert references(client.get(QUEUE, {"scope": "to_send"})) == {passed.reference}
    assert references(client.get(QUEUE, {"scope": "all"})) == {cast.app_a.reference, passed.reference}
    page = response.content.decode()
    assert "待初审" in page and "初审通过" in page
    assert reverse("reviews:letter_new") in page


def test_the_review_deadline_is_shown_and_warned_when_near_or_passed(client, cast):
    client.force_login(cast.changchun)
    page = client.get(QUEUE).content.decode()
    deadline = cast.call.bureau_review_deadline
    assert deadline.isoformat() in page
    assert "还剩 45 天" in page and 'role="alert"' not in page

    today = timezone.localdate()
    near = factories.open_call(cast.dept, title="临近截止的批次", bureau_review_deadline=today + dt.timedelta(days=3))
    late = factories.open_call(cast.dept, title="已过截止的批次", bureau_review_deadline=today - dt.timedelta(days=2))
    page = client.get(QUEUE).content.decode()
    assert near.title in page and "还剩 3 天" in page
    assert late.title in page and "已超过截止日期 2 天" in page
    assert page.count('role="alert"') == 2


def test_the_queue_filters_and_exports(client, cast):
    client.force_login(cast.changchun)
    assert references(client.get(QUEUE, {"scope": "all", "q": "不存在的企业"})) == set()
    assert references(client.get(QUEUE, {"scope": "all", "q": "长春甲"})) == {cast.app_a.reference}
    export = client.get(QUEUE, {"_export": "xlsx"})
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")


def test_the_queue_costs_the_same_queries_for_one_row_or_many(client, cast, django_assert_max_num_queries):
    client.force_login(cast.changchun)
    with django_assert_max_num_queries(10) as few:
        assert client.get(QUEUE).status_code == 200
    for i in range(6):
        company = factories.enterprise(f"长春企业{i}有限公司", "220102")
        factories.submitted_application(cast.call, factories.enterprise_user(f"u{i}", company))
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(QUEUE)
    assert len(references(response)) == 7
    assert len(many.captured_queries) == len(few.captured_queries)
