"""Art. 10: the Atom feed of the notices and the published lists, with absolute links."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from django.urls import reverse

from smartmfg.notices.actions import do_start_notice
from tests.journeys import advance, start_notice, today

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(client, **headers: str) -> ET.Element:
    response = client.get(reverse("public_notices:feed"), **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entries(root: ET.Element) -> list[tuple[str, str]]:
    """Each entry's title and link, in the feed's order."""
    return [
        (e.findtext(f"{ATOM}title", ""), e.find(f"{ATOM}link").get("href", ""))  # type: ignore[union-attr]
        for e in root.iter(f"{ATOM}entry")
    ]


def test_the_feed_lists_notices_and_publications_with_absolute_links(client, cast, settings):
    settings.ALLOWED_HOSTS = ["gxt.jl.gov.cn"]
    published = advance(cast, cast.app_b, "published")
    publication = published.publications.get()
    open_notice = start_notice(cast, cast.call, advance(cast, cast.app_a, "approved"), ended=False)

    root = feed(client, HTTP_HOST="gxt.jl.gov.cn")

    assert root.findtext(f"{ATOM}title") == "吉林省示范工厂（车间）公示和认定名单"
    assert root.find(f"{ATOM}author/{ATOM}name").text == "吉林省工业和信息化厅"  # type: ignore[union-attr]
    passed = published.notices.get()
    assert entries(root) == [  # newest first: the open notice, the publication, the notice app_b passed
        (open_notice.title, f"http://gxt.jl.gov.cn/notices/{open_notice.pk}/"),
        (publication.title, f"http://gxt.jl.gov.cn/results/#publication-{publication.pk}"),
        (passed.title, f"http://gxt.jl.gov.cn/notices/{passed.pk}/"),
    ]
    for entry in root.iter(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")
    first = next(root.iter(f"{ATOM}entry"))
    assert f"异议受理至 {open_notice.ends_on:%Y-%m-%d} 24:00" in (first.findtext(f"{ATOM}summary") or "")


def test_a_notice_enters_the_feed_on_its_first_day(client, cast):
    approved = advance(cast, cast.app_a, "approved")
    tomorrow = today() + dt.timedelta(days=1)
    later = do_start_notice(
        cast.call, [approved.pk], title="明天开始的公示", starts_on=tomorrow, contact="规划处", actor=cast.dept
    )
    assert later.title not in dict(entries(feed(client)))
    cast.clock.move_to(later.opens_at, tick=False)
    assert later.title in dict(entries(feed(client)))


def test_the_feed_answers_only_get(client, cast):
    assert client.post(reverse("public_notices:feed")).status_code == 405
