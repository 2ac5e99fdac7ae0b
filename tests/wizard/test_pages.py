"""Each step of the form saves as a draft, reloads with nothing lost, and refuses bad input untouched."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from smartmfg.applications.models import Application
from smartmfg.audit.models import AuditEntry
from smartmfg.wizard import actions
from tests import factories
from tests.wizard.helpers import formset, item, profile_post, url


@pytest.fixture
def draft(cast) -> Application:
    """A new, empty smart-factory draft of enterprise A."""
    return actions.do_create_application(cast.call, cast.enterprise_a, "smart_factory", actor=cast.ent_a)


@pytest.fixture
def ent_a(client, cast):
    client.force_login(cast.ent_a)
    return client


def test_the_steps_follow_the_tier(ent_a, cast, draft) -> None:
    page = ent_a.get(url("project", draft)).content.decode()
    for label in ("企业信息", "项目情况", "投资明细", "数字化车间", "成熟度自评估", "申报材料", "承诺书", "确认提交"):
        assert label in page
    assert "典型场景" not in page
    assert 'aria-current="step"' in page
    assert "<progress" in page
    # A digital workshop has neither workshops nor scenarios.
    assert ent_a.get(url("workshops", cast.app_a)).status_code == 404
    assert ent_a.get(url("scenarios", cast.app_a)).status_code == 404
    assert ent_a.get(url("scenarios", draft)).status_code == 404


def test_enterprise_step_saves_the_profile_and_contacts(ent_a, cast, draft) -> None:
    contacts = [
        {
            "name": "王经理",
            "title": "信息化部长",
            "phone": "0431-88886666",
            "email": "wang@example.com",
            "is_primary": True,
        },
        {"name": "李工", "title": "", "phone": "13900000000", "email": ""},
    ]
    data = profile_post(cast.enterprise_a, contacts, address="长春市南关区示范路1号", go="next")
    response = ent_a.post(url("enterprise", draft), data)
    assert response.status_code == 302
    assert response["Location"] == url("project", draft)
    cast.enterprise_a.refresh_from_db()
    assert cast.enterprise_a.address == "长春市南关区示范路1号"
    assert [(c.name, c.is_primary) for c in cast.enterprise_a.contacts.all()] == [("王经理", True), ("李工", False)]
    page = ent_a.get(url("enterprise", draft)).content.decode()
    assert "长春市南关区示范路1号" in page and "王经理" in page and "13900000000" in page
    assert AuditEntry.objects.filter(verb="replace_contacts").count() == 1


def test_two_primary_contacts_are_refused_and_nothing_changes(ent_a, cast, draft) -> None:
    contacts = [
        {"name": "甲", "phone": "0431-1234567", "is_primary": True},
        {"name": "乙", "phone": "0431-7654321", "is_primary": True},
    ]
    response = ent_a.post(url("enterprise", draft), profile_post(cast.enterprise_a, contacts, address="新地址"))
    assert response.status_code == 400
    assert "“主要联系人”只能勾选一位" in response.content.decode()
    cast.enterprise_a.refresh_from_db()
    assert cast.enterprise_a.address != "新地址"
    assert not cast.enterprise_a.contacts.exists()


def test_a_bad_phone_names_the_row_and_the_field(ent_a, cast, draft) -> None:
    response = ent_a.post(url("enterprise", draft), profile_post(cast.enterprise_a, [{"name": "甲", "phone": "abc"}]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "第1行" in page and "“电话”" in page and "请填写有效的电话号码" in page


def project_post(**changes):
    data = {
        "project_name": "智能工厂建设项目",
        "project_division": "220102",
        "project_address": "示范路1号",
        "project_summary": "生产数据采集与计划排产一体化",
        "construction_status": "in_production",
        "production_started_on": "2025-01-15",
        "expected_completion_on": "",
    }
    data.update(changes)
    return data


def test_project_step_saves_and_reloads(ent_a, draft) -> None:
    response = ent_a.post(url("project", draft), project_post())
    assert response["Location"] == url("project", draft)  # "保存" stays
    draft.refresh_from_db()
    assert draft.project_name == "智能工厂建设项目"
    assert draft.production_started_on == dt.date(2025, 1, 15)
    page = ent_a.get(url("project", draft)).content.decode()
    assert 'value="智能工厂建设项目"' in page
    assert 'value="2025-01-15"' in page
    assert "生产数据采集与计划排产一体化" in page


def test_saving_and_continuing_goes_to_the_next_step(ent_a, draft) -> None:
    response = ent_a.post(url("project", draft), project_post(go="next"))
    assert response["Location"] == url("investments", draft)


def test_a_draft_may_be_saved_incomplete(ent_a, draft) -> None:
    response = ent_a.post(url("project", draft), project_post(project_name="", construction_status=""))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.project_name == "" and draft.project_division == "220102"


def test_only_the_date_that_goes_with_the_status_is_kept(ent_a, draft) -> None:
    ent_a.post(
        url("project", draft),
        project_post(construction_status="under_construction", expected_completion_on="2026-10-01"),
    )
    draft.refresh_from_db()
    assert draft.production_started_on is None
    assert draft.expected_completion_on == dt.date(2026, 10, 1)


def test_bad_project_input_names_the_field_and_changes_nothing(ent_a, draft) -> None:
    before = Application.objects.get(pk=draft.pk).project_division
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = ent_a.post(
        url("project", draft), project_post(project_division="999999", production_started_on=tomorrow)
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "项目建设地点（行政区划）" in page
    assert "已建成投产的项目，投产日期不能晚于今天" in page
    draft.refresh_from_db()
    assert draft.project_name == "" and draft.project_division == before


def test_investment_rows_save_reload_and_delete(ent_a, draft) -> None:
    rows = [item(), item(category="software", amount="250000.50", status="planned", invoice_no="")]
    response = ent_a.post(url("investments", draft), formset("inv", rows))
    assert response.status_code == 302
    saved = list(draft.investments.all())
    assert [(i.category, i.amount, i.status) for i in saved] == [
        ("equipment", Decimal("1000000.00"), "completed"),
        ("software", Decimal("250000.50"), "planned"),
    ]
    page = ent_a.get(url("investments", draft)).content.decode()
    assert 'value="250000.50"' in page and 'value="FP-1"' in page
    # Tick the first row off.
    ent_a.post(url("investments", draft), formset("inv", [{**rows[0], "DELETE": True}, rows[1]], initial=2))
    assert [i.category for i in draft.investments.all()] == ["software"]


def test_an_amount_with_three_decimals_names_the_row_and_changes_nothing(ent_a, draft) -> None:
    actions.do_replace_investments(draft, factories.investments(), actor=draft.created_by)
    rows = [item(), item(amount="12.345")]
    response = ent_a.post(url("investments", draft), formset("inv", rows))
    assert response.status_code == 400
    page = response.content.decode()
    assert "第2行" in page and "“金额（元）”" in page and "最多两位小数" in page
    assert [i.amount for i in draft.investments.all()] == [Decimal("21000000.00")]


def test_the_investment_step_shows_totals_and_what_is_left_out(ent_a, cast, draft) -> None:
    today = timezone.localdate()
    rows = [
        item(occurred_on=(today - dt.timedelta(days=30)).isoformat(), amount="30000000.00"),
        item(occurred_on=(today - dt.timedelta(days=30)).isoformat(), category="civil_works", amount="5000000.00"),
        item(occurred_on=(today - dt.timedelta(days=4 * 366)).isoformat(), amount="7000000.00"),
        item(occurred_on=(today + dt.timedelta(days=30)).isoformat(), amount="2000000.00", status="planned"),
    ]
    ent_a.post(url("investments", draft), formset("inv", rows))
    page = ent_a.get(url("investments", draft)).content.decode()
    assert "近3年可计入的软硬件投资" in page
    assert "3,000万元" in page or "3,000.00万元" in page  # eligible: only the first row
    assert "低于" in page  # a smart factory needs 4,000万元
    assert "土建、厂房（不计入软硬件投资）" in page and "500.00万元" in page
    assert "计划投资（不符合计入条件）" in page
    window_start = today.replace(year=today.year - 3) if not (today.month == 2 and today.day == 29) else None
    if window_start:
        assert f"不在{window_start.isoformat()}至{today.isoformat()}内" in page


def test_workshops_save_and_reload(ent_a, draft) -> None:
    rows = [{"name": "冲压车间", "description": "冲压线"}, {"name": "焊装车间", "description": ""}]
    response = ent_a.post(url("workshops", draft), formset("workshops", rows, initial=0) | {"go": "next"})
    assert response["Location"] == url("maturity", draft)
    assert [w.name for w in draft.workshops.all()] == ["冲压车间", "焊装车间"]
    assert "焊装车间" in ent_a.get(url("workshops", draft)).content.decode()


def test_scenarios_need_an_area_and_a_title(ent_a, cast) -> None:
    future = actions.do_create_application(cast.call, cast.enterprise_a, "future_factory", actor=cast.ent_a)
    response = ent_a.post(url("scenarios", future), formset("scenarios", [{"area": "", "title": "数字孪生"}]))
    assert response.status_code == 400
    assert "“场景领域”" in response.content.decode()
    assert not future.scenarios.exists()
    rows = [{"area": "digital_design", "title": "数字孪生"}, {"area": "other", "title": "能源管理"}]
    ent_a.post(url("scenarios", future), formset("scenarios", rows))
    assert [(s.area, s.title) for s in future.scenarios.all()] == [
        ("digital_design", "数字孪生"),
        ("other", "能源管理"),
    ]


def test_maturity_saves_and_a_score_over_five_is_refused(ent_a, draft) -> None:
    data = {
        "maturity_level": "3",
        "maturity_score": "3.25",
        "maturity_assessed_on": "2025-05-01",
        "maturity_report_no": "C3MEP-2025-0001",
    }
    assert ent_a.post(url("maturity", draft), data).status_code == 302
    draft.refresh_from_db()
    assert (draft.maturity_level, draft.maturity_score) == (3, Decimal("3.25"))
    page = ent_a.get(url("maturity", draft)).content.decode()
    assert "C3MEP-2025-0001" in page and "应达到2级至3级" in page
    response = ent_a.post(url("maturity", draft), {**data, "maturity_score": "5.5", "maturity_report_no": "X"})
    assert response.status_code == 400
    assert "得分最高为5分" in response.content.decode()
    draft.refresh_from_db()
    assert draft.maturity_report_no == "C3MEP-2025-0001"


def test_the_commitment_is_accepted_by_ticking_and_records_who_and_when(ent_a, cast, draft) -> None:
    page = ent_a.get(url("commitment", draft)).content.decode()
    assert "第十二条" in page and "撤销认定并收回奖补资金" in page and "三年内不再受理" in page
    response = ent_a.post(url("commitment", draft), {})
    assert response.status_code == 400
    assert "请勾选确认承诺书" in response.content.decode()
    draft.refresh_from_db()
    assert draft.commitment_accepted_at is None
    response = ent_a.post(url("commitment", draft), {"accept": "on", "go": "next"})
    assert response["Location"] == url("confirm", draft)
    draft.refresh_from_db()
    assert draft.commitment_accepted_by == cast.ent_a
    assert "已由 ent_a 于" in ent_a.get(url("commitment", draft)).content.decode()


def test_the_verdict_beside_the_form_follows_each_save(ent_a, draft) -> None:
    before = ent_a.get(url("investments", draft)).content.decode()
    assert 'id="verdict"' in before
    assert "计入的软硬件完成投资" in before
    ent_a.post(
        url("investments", draft),
        formset("inv", [item(occurred_on=timezone.localdate().isoformat(), amount="45000000")]),
    )
    after = ent_a.get(url("investments", draft)).content.decode()
    assert "4,500万元" in after or "4,500.00万元" in after


def test_a_submitted_application_is_read_only_and_the_server_refuses_edits(ent_a, cast) -> None:
    page = ent_a.get(url("project", cast.app_a)).content.decode()
    assert "申报已提交，当前状态下不能修改" in page
    assert "disabled" in page and "保存并继续" not in page
    name = cast.app_a.project_name
    response = ent_a.post(url("project", cast.app_a), project_post(project_name="改过的名字"))
    assert response.status_code == 403
    cast.app_a.refresh_from_db()
    assert cast.app_a.project_name == name
    for step in ("investments", "maturity", "commitment"):
        assert ent_a.post(url(step, cast.app_a), {}).status_code == 403
