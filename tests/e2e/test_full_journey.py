"""One application from the call to its publication, every role in the browser.

The enterprise applies and submits; the 吉林市 bureau returns it for
correction; the enterprise adds the missing file and resubmits; the bureau
judges, passes it and reports it by letter; the Department re-reviews it,
records the experts' conclusion, deliberates, runs the public notice and
publishes; the enterprise and the public see the recognition. A screenshot
of each step is kept under the screenshots folder.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from smartmfg.applications.models import Application
from smartmfg.demo.files import DEMO_PDF
from smartmfg.demo.loader import DEMO_PASSWORD, seed_demo
from tests.e2e.conftest import E2E
from tests.e2e.test_apply_journey import apply_for_a_future_factory

pytestmark = E2E


def test_from_application_to_publication(journey, tmp_path, time_machine) -> None:
    seed_demo()
    page = journey.page
    apply_for_a_future_factory(journey, tmp_path)
    application = Application.objects.get(project_name="精细化工未来工厂")
    detail = f"/applications/{application.pk}/"
    file = tmp_path / "专项审计报告.pdf"
    file.write_bytes(DEMO_PDF)

    # The 吉林市 bureau returns it: the audit report is missing.
    journey.sign_in("jilin", DEMO_PASSWORD)
    journey.go("/review/bureau/")
    page.get_by_role("link", name=application.reference).click()
    step = page.locator("form[action$='/steps/bureau_return/']")
    step.get_by_label("退回理由").fill("请补充投资专项审计报告")
    step.get_by_role("button", name="退回修改").click()
    assert "已办理：退回修改" in page.content()
    journey.shot("bureau-returns")

    # The enterprise reads why, adds the report and submits again.
    journey.sign_in("ent2", DEMO_PASSWORD)
    journey.go("/enterprises/")
    assert "请补充投资专项审计报告" in page.content()
    journey.shot("enterprise-sees-return")
    page.get_by_role("link", name="修改并重新提交").first.click()
    page.goto(page.url.rsplit("/", 2)[0] + "/attachments/")
    page.get_by_label("材料类别").select_option("audit_report")
    page.set_input_files("#id_documents", [str(file)])
    page.get_by_role("button", name="上传", exact=True).click()
    assert "专项审计报告.pdf" in page.content()
    page.goto(page.url.rsplit("/", 2)[0] + "/confirm/")
    page.get_by_role("button", name="提交申报").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert (application.status, application.submission_count) == ("submitted", 2)
    journey.shot("resubmitted")

    # The bureau judges operations and finances, passes it and reports it by letter.
    journey.sign_in("jilin", DEMO_PASSWORD)
    journey.go(detail)
    judgement = page.locator("form[action*='/judgements/operations_finance/']")
    judgement.get_by_label("符合", exact=True).check()
    judgement.get_by_role("button", name="录入判断").click()
    page.locator("form[action$='/steps/bureau_pass/']").get_by_role("button", name="初审通过").click()
    assert "已办理：初审通过" in page.content()
    journey.shot("bureau-passes")
    journey.go("/review/letters/new/")  # one call with passed applications: straight to its form
    page.get_by_label(application.reference, exact=False).check()
    page.get_by_role("button", name="保存草稿").click()
    journey.shot("letter-draft")
    page.get_by_role("button", name="报送").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "recommended"
    journey.shot("letter-sent")

    # The Department re-reviews it and records the experts' conclusion.
    journey.sign_in("dept", DEMO_PASSWORD)
    journey.go(detail)
    page.locator("form[action$='/steps/requalify_pass/']").get_by_role("button", name="资格复审通过").click()
    assert "已办理：资格复审通过" in page.content()
    conclusion = page.locator("form[action$='/steps/record_expert_conclusion/']")
    conclusion.get_by_label("评审得分").fill("88.50")
    conclusion.get_by_label("推荐认定").check()
    conclusion.get_by_label("评审意见").fill("场景建设完整，数据贯通，具有示范性。")
    conclusion.locator("input[type=file]").set_input_files([str(file)])
    conclusion.get_by_role("button", name="录入专家评审结论").click()
    application.refresh_from_db()
    assert application.status == "expert_recommended"
    journey.shot("expert-conclusion")

    # Deliberation approves it.
    call = application.call
    journey.go(f"/department/stages/{call.pk}/deliberation/")
    page.get_by_label("会议名称").fill("厅长办公会")
    page.get_by_label("审议日期").fill(timezone.localdate().isoformat())
    page.locator(f"input[name='decision_{application.pk}'][value='approve']").check()
    page.get_by_role("button", name="录入审议结果").click()
    application.refresh_from_db()
    assert application.status == "approved"
    journey.shot("deliberation")

    # The public notice: a back-dated one is refused; one starting today runs its working days.
    journey.go(f"/department/notices/calls/{call.pk}/start/")
    page.get_by_label(application.reference, exact=False).check()
    page.get_by_label("公示标题").fill("拟认定名单公示")
    page.get_by_label("公示开始日期").fill((timezone.localdate() - dt.timedelta(days=8)).isoformat())
    page.get_by_label("异议受理联系方式").fill("规划处 0431-88888888")
    page.get_by_role("button", name="发布公示").click()
    assert "公示开始日期不能早于今天" in page.locator(".error-summary").inner_text()
    journey.shot("notice-back-dated")
    page.get_by_label("公示开始日期").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="发布公示").click()
    application.refresh_from_db()
    assert application.status == "in_notice"
    journey.shot("notice")
    # The morning after its last day, it ends.
    notice = application.notices.get()
    time_machine.move_to(
        dt.datetime.combine(notice.ends_on + dt.timedelta(days=1), dt.time(9), tzinfo=timezone.get_current_timezone())
    )
    page.reload()
    page.get_by_role("button", name="结束公示").click()
    application.refresh_from_db()
    assert application.status == "notice_passed"
    journey.shot("notice-ended")

    # Publication.
    journey.go(f"/department/notices/calls/{call.pk}/publish/")
    page.get_by_label(application.reference, exact=False).check()
    page.get_by_label("文号").fill(f"吉工信规划〔{timezone.localdate().year}〕88号")
    page.get_by_label("标题").fill("关于公布省级示范工厂（车间）名单的通知")
    page.get_by_label("发文日期").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="发文公布").click()
    application.refresh_from_db()
    assert application.status == "recognised"
    journey.shot("published")

    # The enterprise sees its recognition; the public sees the list; the history has every step.
    journey.sign_in("ent2", DEMO_PASSWORD)
    journey.go(detail)
    assert "已认定" in page.content()
    journey.shot("enterprise-recognised")
    actions = list(application.events.values_list("action", flat=True))
    assert actions == [
        "submit",
        "bureau_return",
        "submit",
        "bureau_pass",
        "recommend",
        "requalify_pass",
        "record_expert_conclusion",
        "approve",
        "start_notice",
        "end_notice",
        "publish",
    ]
    journey.page.context.clear_cookies()
    journey.go("/results/")
    assert "精细化工未来工厂" in page.content()
    journey.shot("public-results")
