"""The public home page: what the programme is, with the open call's own figures."""

from __future__ import annotations

import pytest

from smartmfg.eligibility.actions import do_change_policy

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_the_open_call_and_the_rules_figures(client, cast) -> None:
    page = client.get("/").content.decode()
    assert cast.call.title in page
    assert "近3年软硬件完成投资不低于2,000万元" in page
    assert "成熟度3-4级" in page


def test_a_changed_threshold_of_the_open_call_shows_on_the_home_page(client, cast) -> None:
    do_change_policy(cast.call, {"min_investment.digital_workshop": "30000000"}, reason="测试", actor=cast.dept)
    page = client.get("/").content.decode()
    assert "近3年软硬件完成投资不低于3,000万元" in page
