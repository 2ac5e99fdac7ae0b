"""Art. 10: one public notice's page, for everyone: the period to the minute, how to object, the list."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from smartmfg.applications.models import Application
from smartmfg.lib.workdays import is_working_day
from smartmfg.notices.actions import do_decide_objection, do_record_objection, do_start_notice
from smartmfg.notices.models import PublicNotice
from smartmfg.workflow.transition import transition
from tests.journeys import advance, cultivation_application, end_notice, today
from tests.public_notices.conftest import at


def page(client, notice: PublicNotice) -> str:
    response = client.get(reverse("public_notices:notice", kwargs={"pk": notice.pk}))
    assert response.status_code == 200
    return response.content.decode()


def rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)


def test_anyone_reads_the_notice_its_period_and_its_list(client, cast, open_notice):
    html = page(client, open_notice)

    assert open_notice.title in html
    assert "公示中，正在受理异议" in html
    assert open_notice.contact in html
    days = (open_notice.ends_on - open_notice.starts_on).days + 1
    counted = sum(is_working_day(open_notice.starts_on + dt.timedelta(days=n)) for n in range(days))
    assert counted == 5  # the call's notice_working_days, by the State Council's calendar
    assert f"（{counted}个工作日）" in html
    assert f"{open_notice.starts_on:%Y-%m-%d} 00:00" in html
    assert f"{open_notice.ends_on:%Y-%m-%d} 24:00" in html
    assert f'datetime="{open_notice.closes_at.isoformat()}"' in html
    lines = rows(html)
    assert len(lines) == 2
    assert any("长春甲企业有限公司" in line and "长春甲企业有限公司项目" in line for line in lines)
    assert any("吉林乙企业有限公司" in line for line in lines)
    for line in lines:
        assert "数字化车间（生产线）" in line and "认定" in line
    assert "长春市南关区" in html and "吉林市昌邑区" in html  # the project's region, by its GB/T 2260 name


def test_the_department_text_and_the_track_of_a_project_under_construction(client, cast):
    building = advance(cast, cultivation_application(cast), "approved")
    notice = do_start_notice(
        cast.call,
        [building.pk],
        title="拟认定名单公示",
        starts_on=today(),
        contact="规划处",
        body="现将拟认定名单予以公示。\n公示期间如有异议，请实名反映。",
        actor=cast.dept,
    )
    html = page(client, notice)
    assert "现将拟认定名单予以公示。" in html and "请实名反映" in html
    (line,) = rows(html)
    assert "长春丙在建项目有限公司" in line and "培育" in line


def test_nothing_else_of_an_application_is_on_the_page(client, cast, open_notice):
    html = page(client, open_notice)
    application = Application.objects.get(pk=cast.app_a.pk)
    for private in (
        "21,000,000",  # the investment (申报金额)
        "21000000",
        "2,100",
        "申报书.pdf",  # an attachment's name
        "专家评审结论.pdf",
        "86.50",  # the experts' score
        "系统集成度高",  # the experts' summary
        cast.expert.expert.name,
        cast.expert.expert.code,
        application.reference,
        application.enterprise.uscc,
        application.maturity_report_no,
    ):
        assert private not in html, private


def test_objections_are_taken_until_the_last_minute_of_the_last_day(client, cast, open_notice):
    last_day = open_notice.ends_on
    cast.clock.move_to(at(last_day, 23, 59, 59), tick=False)
    assert "公示中，正在受理异议" in page(client, open_notice)

    cast.clock.move_to(at(last_day + dt.timedelta(days=1), 0, 0, 0), tick=False)
    html = page(client, open_notice)
    assert "公示期已届满，不再受理异议" in html
    assert f"公示期已于 {last_day:%Y-%m-%d} 24:00 届满" in html
    assert len(rows(html)) == 2  # still readable, with its list


@pytest.mark.urls("tests.public_notices.urls_with_objection_form")
def test_each_entry_links_the_online_objection_form_while_open(client, cast, open_notice):
    link = reverse("objections:file", kwargs={"notice": open_notice.pk, "application": cast.app_a.pk})
    cast.clock.move_to(at(open_notice.ends_on, 23, 59), tick=False)
    html = page(client, open_notice)
    assert f'href="{link}"' in html
    assert html.count(">提出异议<") == 2

    cast.clock.move_to(at(open_notice.ends_on + dt.timedelta(days=1), 0, 0), tick=False)
    html = page(client, open_notice)
    assert link not in html and "提出异议" not in html


@pytest.mark.urls("tests.public_notices.urls_without_objection_form")
def test_without_the_online_form_the_page_gives_the_contact_only(client, cast, open_notice):
    html = page(client, open_notice)
    assert "提出异议" not in html
    assert open_notice.contact in html


@pytest.mark.urls("tests.public_notices.urls_with_objection_form")
def test_an_upheld_objection_withdraws_the_entry_without_details(client, cast, open_notice):
    objection = do_record_objection(
        open_notice,
        cast.app_a,
        received_on=today(),
        objector="王某某",
        objector_contact="13800000000",
        content="该企业投资数据不实",
        actor=cast.dept,
    )
    do_decide_objection(objection, upheld=True, outcome="经核实，投资发票与项目无关", actor=cast.dept)
    withdrawn_link = reverse("objections:file", kwargs={"notice": open_notice.pk, "application": cast.app_a.pk})

    html = page(client, open_notice)  # still open: the other entry still takes objections
    assert withdrawn_link not in html
    assert html.count(">提出异议<") == 1

    end_notice(cast, open_notice)
    html = page(client, open_notice)
    assert "公示已结束" in html
    assert "经核实异议成立，1 项已撤出公示名单" in html
    withdrawn = [line for line in rows(html) if "异议成立，已撤出" in line]
    assert len(withdrawn) == 1 and "长春甲企业有限公司" in withdrawn[0]
    for detail in ("王某某", "13800000000", "该企业投资数据不实", "投资发票与项目无关"):
        assert detail not in html


def test_a_step_upholding_an_objection_is_enough_to_mark_the_entry(client, cast, open_notice):
    transition(Application.objects.get(pk=cast.app_b.pk), "uphold_objection", cast.dept, reason="异议成立")
    withdrawn = [line for line in rows(page(client, open_notice)) if "异议成立，已撤出" in line]
    assert len(withdrawn) == 1 and "吉林乙企业有限公司" in withdrawn[0]


@pytest.mark.parametrize("persona", ["anon", "ent_a", "dept", "admin"])
def test_a_notice_not_started_yet_is_404_to_everyone(client, cast, persona):
    approved = advance(cast, cast.app_a, "approved")
    tomorrow = today() + dt.timedelta(days=1)
    later = do_start_notice(
        cast.call, [approved.pk], title="下周公示", starts_on=tomorrow, contact="规划处", actor=cast.dept
    )
    user = cast.persona(persona)
    if user is not None:
        client.force_login(user)
    url = reverse("public_notices:notice", kwargs={"pk": later.pk})

    assert client.get(url).status_code == 404
    assert client.get(reverse("public_notices:notice", kwargs={"pk": later.pk + 100})).status_code == 404
    cast.clock.move_to(at(tomorrow, 0, 0), tick=False)
    assert client.get(url).status_code == 200


def test_the_page_answers_only_get(client, cast, open_notice):
    url = reverse("public_notices:notice", kwargs={"pk": open_notice.pk})
    assert client.post(url).status_code == 405


def test_the_page_prints_on_a4(client, cast, open_notice, settings):
    html = page(client, open_notice)
    assert re.search(r'<link rel="stylesheet" href="[^"]*css/print\.css" media="print">', html)
    assert f"http://testserver/notices/{open_notice.pk}/" in html  # printed with its stable address
    css = (settings.PACKAGE_DIR / "static" / "css" / "print.css").read_text()
    assert "size: A4" in css
    assert "break-inside: avoid" in css
    assert ".site-header" in css and ".site-footer" in css and "button" in css
