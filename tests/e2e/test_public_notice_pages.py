"""The public notice pages in a real browser: no serious accessibility violation (axe-core), and they work
with JavaScript off (a visitor reads, follows links and prints without a script)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from smartmfg.notices.actions import do_start_notice
from smartmfg.notices.models import PublicNotice
from tests.e2e.accessibility import blocking_violations
from tests.e2e.conftest import E2E
from tests.journeys import advance, today

pytestmark = E2E


def notices(cast: Any) -> tuple[PublicNotice, PublicNotice]:
    """An ended notice (application B passed it), then an open one (application A), through the real steps."""
    ended = advance(cast, cast.app_b, "notice_passed").notices.get()
    approved = advance(cast, cast.app_a, "approved")
    open_now = do_start_notice(
        cast.call,
        [approved.pk],
        title="拟认定名单公示（第二批）",
        starts_on=today(),
        contact="省工信厅规划处 0431-88888888",
        body="现将拟认定名单予以公示，公示期内如有异议，请实名提出。",
        actor=cast.dept,
    )
    return ended, open_now


def test_the_index_and_a_notice_have_no_serious_accessibility_violation(journey, cast) -> None:
    ended, open_now = notices(cast)
    page = journey.page

    journey.go(reverse("public_notices:index"))
    assert page.get_by_role("heading", name="正在公示").is_visible()
    assert blocking_violations(page) == []
    journey.shot("public-notices-index")

    page.get_by_role("link", name=open_now.title).first.click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("public_notices:notice", kwargs={"pk": open_now.pk}))
    assert page.get_by_text("公示中，正在受理异议").is_visible()
    assert page.get_by_role("cell", name="长春甲企业有限公司", exact=True).is_visible()
    assert blocking_violations(page) == []
    journey.shot("public-notice-open")

    journey.go(reverse("public_notices:notice", kwargs={"pk": ended.pk}))
    assert page.get_by_text("公示期已届满，不再受理异议").is_visible()
    assert blocking_violations(page) == []

    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert page.locator(".print-only").is_visible()
    journey.shot("public-notice-print")


def test_the_pages_work_with_javascript_disabled(browser, live_server, cast) -> None:
    ended, open_now = notices(cast)
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(live_server.url + reverse("public_notices:index"))
        assert page.get_by_role("heading", name="公示", exact=True).is_visible()
        page.get_by_role("link", name=open_now.title).first.click()
        page.wait_for_load_state()
        assert page.get_by_role("cell", name="长春甲企业有限公司", exact=True).is_visible()
        assert page.get_by_text(f"{open_now.ends_on:%Y-%m-%d} 24:00").first.is_visible()
        page.get_by_role("link", name=open_now.call.title).click()
        page.wait_for_load_state()
        assert page.get_by_role("link", name=ended.title).first.is_visible()
    finally:
        context.close()
