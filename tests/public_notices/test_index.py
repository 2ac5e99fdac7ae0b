"""Art. 10: the public notices' index (open first, then the ended by year) and where it is linked from."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from smartmfg.notices.actions import do_start_notice
from smartmfg.notices.models import PublicNotice
from tests import factories
from tests.journeys import advance, cultivation_application, start_notice, today


@pytest.fixture
def notices(cast) -> dict[str, PublicNotice]:
    """Last year's ended notice, this year's ended one, one whose period is over but not yet ended, one open,
    and one announced for later."""
    last_year = factories.open_call(cast.dept, year=today().year - 1, title="上一年度批次")
    earlier = factories.submitted_application(last_year, cast.ent_a, reviewer=cast.changchun)
    old = advance(cast, earlier, "notice_passed").notices.get()
    ended = advance(cast, cast.app_b, "notice_passed").notices.get()
    lapsed = start_notice(cast, cast.call, advance(cast, cultivation_application(cast), "approved"))  # clock moved
    open_now = start_notice(cast, cast.call, advance(cast, cast.app_a, "approved"), ended=False)
    assert lapsed.status == PublicNotice.Status.OPEN and not lapsed.is_open_at(timezone.now())
    return {"old": old, "ended": ended, "lapsed": lapsed, "open": open_now}


def test_open_notices_come_first_then_the_ended_by_year(client, cast, notices):
    response = client.get(reverse("public_notices:index"))

    assert response.status_code == 200
    assert [item.notice for item in response.context["open_notices"]] == [notices["open"]]
    years = [(year, [item.notice for item in items]) for year, items in response.context["years"]]
    assert years == [
        (today().year, [notices["lapsed"], notices["ended"]]),
        (today().year - 1, [notices["old"]]),
    ]
    html = response.content.decode()
    positions = [html.index(f'id="notice-{notices[key].pk}"') for key in ("open", "lapsed", "ended", "old")]
    assert positions == sorted(positions)
    assert html.index("正在公示") < html.index("往期公示") < positions[1]
    assert "公示期已届满" in html and "公示已结束" in html


def test_open_notices_are_ordered_by_their_closing(client, cast):
    first, second = (advance(cast, a, "approved") for a in (cast.app_a, cast.app_b))
    later = start_notice(cast, cast.call, first, ended=False)
    sooner = start_notice(cast, cast.call, second, ended=False)
    PublicNotice.objects.filter(pk=later.pk).update(ends_on=later.ends_on + dt.timedelta(days=3))

    response = client.get(reverse("public_notices:index"))
    assert [item.notice for item in response.context["open_notices"]] == [sooner, later]


def test_a_notice_not_started_is_not_listed_anywhere(client, cast):
    approved = advance(cast, cast.app_a, "approved")
    later = do_start_notice(
        cast.call,
        [approved.pk],
        title="下周开始的公示",
        starts_on=today() + dt.timedelta(days=3),
        contact="规划处",
        actor=cast.dept,
    )
    client.force_login(cast.dept)
    for url in (
        reverse("public_notices:index"),
        reverse("public:call_detail", kwargs={"pk": cast.call.pk}),
        reverse("public_notices:feed"),
    ):
        html = client.get(url).content.decode()
        assert later.title not in html, url
        assert reverse("public_notices:notice", kwargs={"pk": later.pk}) not in html, url


def test_each_calls_page_links_its_notices(client, cast, notices):
    html = client.get(reverse("public:call_detail", kwargs={"pk": cast.call.pk})).content.decode()
    for key in ("open", "lapsed", "ended"):
        assert f'href="{reverse("public_notices:notice", kwargs={"pk": notices[key].pk})}"' in html
    assert reverse("public_notices:notice", kwargs={"pk": notices["old"].pk}) not in html


def test_the_index_is_linked_from_the_home_page_and_the_public_navigation(client, cast):
    html = client.get(reverse("public:home")).content.decode()
    link = f'href="{reverse("public_notices:index")}"'
    assert html.count(link) == 2  # the navigation and the results section
    html = client.get(reverse("public_notices:index")).content.decode()
    assert f'{link} aria-current="page"' in html


def test_an_empty_index_says_so(client, cast):
    html = client.get(reverse("public_notices:index")).content.decode()
    assert "目前没有正在公示的名单。" in html and "尚无往期公示。" in html


def test_the_index_answers_only_get(client, cast):
    assert client.post(reverse("public_notices:index")).status_code == 405
