"""Each demo role signs in and lands on its own home page, in Chinese; English is one click away."""

from __future__ import annotations

import pytest

from smartmfg.demo.loader import DEMO_PASSWORD, seed_demo
from tests.e2e.conftest import E2E

pytestmark = E2E

HOMES = {
    "ent1": ("/enterprises/", "长春市示范汽车零部件有限公司"),
    "changchun": ("/review/bureau/", "初审工作台"),
    "jilin": ("/review/bureau/", "初审工作台"),
    "dept": ("/department/", "申报管理"),
    "expert": ("/expert/", "评审任务"),
    "admin": ("/admin/", "管理后台"),
}


@pytest.fixture
def demo(settings):
    seed_demo()


def test_every_role_lands_on_its_home(journey, demo) -> None:
    for username, (path, heading) in HOMES.items():
        journey.sign_in(username, DEMO_PASSWORD)
        assert journey.page.url.endswith(path), username
        assert heading in journey.page.content(), username
        journey.shot(f"home-{username}")


def test_the_public_home_page_and_the_english_switch(journey, demo) -> None:
    journey.go("/")
    assert "正在申报" in journey.page.content()
    journey.shot("public-home-zh")
    with journey.page.expect_navigation():
        journey.page.get_by_label("语言").select_option("en")
    assert journey.page.locator("html").get_attribute("lang") == "en"
    journey.shot("public-home-en")
