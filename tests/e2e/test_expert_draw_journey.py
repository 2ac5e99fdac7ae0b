"""第九条 in the browser: the Department imports experts, draws a panel anyone can re-run, one expert
declines and is replaced, the assignment is previewed and committed, and an expert who finds a conflict
declares it and their seat is filled again."""

from __future__ import annotations

import io
import json

from openpyxl import Workbook

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application
from smartmfg.demo.loader import DEMO_PASSWORD, seed_demo
from smartmfg.experts.models import Draw, Expert, Invitation, Seat
from smartmfg.experts.spreadsheet import COLUMNS
from smartmfg.rules.experts.draw import verify_document
from smartmfg.rules.experts.identity import make_resident_id
from smartmfg.workflow.transition import transition
from tests.e2e.conftest import E2E
from tests.journeys import recommended

pytestmark = E2E
ROWS = [
    ("郭工", "长春装备研究所", "C、36", "13811110001"),
    ("林工", "吉林机电设计院", "C、34", "13811110002"),
    ("罗工", "长春数控研究院", "C、39", "13811110003"),
]


def _sheet(path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([c.header for c in COLUMNS])
    for i, (name, employer, industries, phone) in enumerate(ROWS, 1):
        sheet.append(
            [
                i,
                name,
                make_resident_id(f"2201021968010{i}00{i}"),
                employer,
                "",
                "正高级",
                "装备制造",
                industries,
                "离散型制造",
                "220102",
                phone,
                f"import{i}@example.com",
                "2026-01-01",
                "2028-12-31",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _into_review() -> list[Application]:
    """The demo's two 长春 applications awaiting review, passed, recommended and re-reviewed (set up, not shown)."""
    reviewer, officer = User.objects.get(username="changchun"), User.objects.get(username="dept")
    waiting = list(Application.objects.filter(status="submitted", jurisdiction__code__startswith="2201"))
    recommended_ = [recommended(a, reviewer) for a in waiting]
    assert recommended_
    for application in Application.objects.filter(pk__in=[a.pk for a in waiting]):
        transition(application, "requalify_pass", officer)
    return waiting


def test_a_draw_from_import_to_a_refilled_seat(journey, tmp_path) -> None:
    seed_demo()
    applications = _into_review()
    page = journey.page
    page.on("dialog", lambda dialog: dialog.accept())

    # The Department imports three experts from the template's format.
    journey.sign_in("dept", DEMO_PASSWORD)
    journey.go("/department/experts/import/")
    page.locator("input[type=file]").set_input_files(str(_sheet(tmp_path / "专家.xlsx")))
    page.get_by_role("button", name="导入").click()
    page.locator("#import-results").get_by_text("郭工").first.wait_for()
    journey.shot("pool-imported")
    for account in User.objects.filter(is_expert=True):
        account.set_password(DEMO_PASSWORD)
        account.save(update_fields=["password"])

    # A draw for the two applications: quotas, freeze (the digest before any seed), a public seed.
    call = applications[0].call
    journey.go(f"/department/stages/{call.pk}/draws/new/")
    page.get_by_label("抽取事由").fill("补充评审")
    for label, value in (
        ("装备制造组抽取人数", "3"),
        ("流程工业组抽取人数", "0"),
        ("信息技术组抽取人数", "0"),
        ("财务组抽取人数", "0"),
        ("每项申报评审专家人数", "2"),
        ("每位专家最少评审数", "0"),
        ("每位专家最多评审数", "2"),
    ):
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="保存设置").click()
    journey.shot("draw-set-up")
    page.get_by_role("button", name="固定抽取条件").click()
    draw = Draw.objects.get(purpose="补充评审")
    assert draw.inputs_sha256 in page.content() and draw.seed == ""
    journey.shot("draw-frozen")
    page.get_by_label("公开随机数").fill("12 07 33 41")
    page.get_by_role("button", name="抽取专家并发出邀请").click()
    assert "请说明公开随机数的来源" in page.content()  # refused, nothing drawn
    journey.shot("seed-source-missing")
    page.get_by_label("公开随机数").fill("12 07 33 41")
    page.get_by_label("随机数来源").fill("当期双色球开奖号码")
    page.get_by_role("button", name="抽取专家并发出邀请").click()
    assert "已抽取专家并发出邀请" in page.content()
    journey.shot("drawn")

    # The first drawn expert declines; the next ticket of the group is invited.
    first = Invitation.objects.filter(draw=draw).order_by("position").first()
    journey.sign_in(first.expert.user.username, DEMO_PASSWORD)
    journey.go("/expert/")
    assert applications[0].enterprise.name not in page.content()  # no enterprise before accepting
    page.get_by_role("link", name="谢绝").first.click()
    page.get_by_label("谢绝理由").fill("评审期间在外地出差")
    page.get_by_role("button", name="谢绝邀请").click()
    assert "已谢绝邀请" in page.content()
    replacement = Invitation.objects.get(replaces=first)
    for invitation in Invitation.objects.filter(draw=draw, status="pending"):
        journey.sign_in(invitation.expert.user.username, DEMO_PASSWORD)
        journey.go("/expert/")
        page.get_by_role("button", name="接受邀请").first.click()
        assert "已接受邀请" in page.content()

    # The Department sees the replacement, previews the assignment and commits it.
    journey.sign_in("dept", DEMO_PASSWORD)
    journey.go(f"/department/draws/{draw.pk}/")
    assert f"替补 {first.expert.code}" in page.content() and replacement.expert.code in page.content()
    journey.shot("replacement-invited")
    page.get_by_role("button", name="计算分配方案").click()
    assert "每项申报的评审专家" in page.content()
    journey.shot("proposal-preview")
    page.get_by_role("button", name="确认分配方案").click()
    assert "已确认分配方案：4 个评审席位" in page.content()
    document = json.loads(page.request.get(f"{journey.base_url}/department/draws/{draw.pk}/document.json").text())
    assert verify_document(document) is None and document["replacements"][0]["declined"] == first.expert.code

    # An expert opens a seat, recognises the enterprise and declares a conflict: the seat is filled again.
    seat = Seat.objects.filter(draw=draw).order_by("pk").first()
    journey.sign_in(seat.expert.user.username, DEMO_PASSWORD)
    journey.go("/expert/")
    page.get_by_role("link", name=seat.application.reference).first.click()
    journey.shot("declaration")
    page.get_by_label("本人存在回避情形，申请回避").check()
    page.locator("#id_kind").select_option("project_service")
    page.get_by_label("情况说明").fill("本人所在单位为该项目提供过咨询服务")
    page.get_by_role("button", name="提交声明").click()
    assert "已记录回避" in page.content()
    seat.refresh_from_db()
    assert seat.status == "removed" and seat.replaced_by.status == "active"
    assert Seat.objects.filter(draw=draw, application=seat.application, status="active").count() == 2
    assert Expert.objects.filter(code=seat.expert.code, conflicts__source="expert").exists()
    journey.shot("seat-refilled")
