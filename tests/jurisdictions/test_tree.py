"""The jurisdiction tree shipped by the migrations (issue: every county-level division of Jilin)."""

from __future__ import annotations

import pytest

from smartmfg.jurisdictions.models import Jurisdiction
from smartmfg.jurisdictions.seed import sync_jurisdictions
from smartmfg.rules.divisions import JILIN_DIVISIONS

pytestmark = pytest.mark.django_db


def test_every_division_of_jilin_has_its_bureau() -> None:
    codes = set(Jurisdiction.objects.exclude(code=None).values_list("code", flat=True))
    assert codes == set(JILIN_DIVISIONS)
    assert Jurisdiction.objects.filter(level="prefecture").count() == 10  # nine plus 长白山
    assert Jurisdiction.objects.filter(level="county").count() == 60


def test_the_department_is_the_root() -> None:
    root = Jurisdiction.objects.get(parent=None)
    assert root.code == "220000"
    assert root.name == "吉林省工业和信息化厅"


def test_gongzhuling_is_under_changchun_and_meihekou_reports_to_the_province() -> None:
    assert Jurisdiction.objects.get(code="220184").parent.code == "220100"
    meihekou = Jurisdiction.objects.get(code="220581")
    assert meihekou.parent.code == "220000"
    assert meihekou.reports_directly


def test_changbaishan_has_no_code_and_reports_directly() -> None:
    node = Jurisdiction.objects.get(key="changbaishan")
    assert node.code is None
    assert node.parent.code == "220000"
    assert node.recommendation_target().code == "220000"


def test_counties_report_through_their_prefecture_by_default() -> None:
    nanguan = Jurisdiction.objects.get(code="220102")
    assert not nanguan.reports_directly
    assert nanguan.recommendation_target().code == "220100"
    assert Jurisdiction.objects.get(code="220100").recommendation_target().code == "220000"


def test_a_bureau_contains_its_subtree_only() -> None:
    changchun = Jurisdiction.objects.get(code="220100")
    assert changchun.contains(Jurisdiction.objects.get(code="220102"))
    assert not changchun.contains(Jurisdiction.objects.get(code="220202"))
    assert set(Jurisdiction.objects.subtree(changchun).values_list("code", flat=True)) == {
        "220100",
        *(c for c, d in JILIN_DIVISIONS.items() if d.parent == "220100"),
    }


def test_syncing_again_creates_nothing_and_keeps_administrators_changes() -> None:
    Jurisdiction.objects.filter(code="220102").update(name="南关区工业信息化和科技局", reports_directly=True)
    assert sync_jurisdictions(Jurisdiction) == 0
    node = Jurisdiction.objects.get(code="220102")
    assert node.name == "南关区工业信息化和科技局"
    assert node.reports_directly
