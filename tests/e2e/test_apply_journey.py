"""The whole journey in a real browser: start, fill every step (rows added with the button), submit."""

from __future__ import annotations

from smartmfg.applications.models import Application
from smartmfg.demo.files import DEMO_PDF
from smartmfg.demo.loader import DEMO_PASSWORD, seed_demo
from smartmfg.experts.models import AvoidedOrganisation
from tests.e2e.conftest import E2E

pytestmark = E2E


def apply_for_a_future_factory(journey, tmp_path) -> None:
    """As ``ent2``: start a future-factory application, fill every step, submit it."""
    page = journey.page
    page.on("dialog", lambda dialog: dialog.accept())
    journey.sign_in("ent2", DEMO_PASSWORD)
    journey.go("/enterprises/")
    page.get_by_role("button", name="申报未来工厂").click()
    page.wait_for_load_state()
    journey.shot("enterprise")
    page.get_by_role("button", name="保存并继续").click()

    page.get_by_label("项目名称").fill("精细化工未来工厂")
    page.get_by_label("项目建设地点（行政区划）").select_option("220202")
    page.get_by_label("建设状态").select_option("in_production")
    assert page.locator("#id_expected_completion_on").is_hidden()  # the date that does not go with the status
    page.fill("#id_production_started_on", "2025-06-30")
    page.get_by_role("button", name="保存并继续").click()

    # First short of the future factory's 80,000,000 yuan (Art. 7 §1): the software is 10 million short.
    for i, (category, amount) in enumerate((("equipment", "52000000.00"), ("software", "21000000.50"))):
        if i:
            page.get_by_role("button", name="+ 添加一行").click()
        page.fill(f"#id_inv-{i}-occurred_on", "2025-05-01")
        page.select_option(f"#id_inv-{i}-category", category)
        page.fill(f"#id_inv-{i}-amount", amount)
        page.select_option(f"#id_inv-{i}-status", "completed")
    page.get_by_role("button", name="保存", exact=True).click()
    assert "7,300.00005万元" in page.content()
    investments = page.url
    page.get_by_role("button", name="保存并继续").click()

    areas = ("digital_design", "intelligent_production", "lean_management", "green_manufacturing", "other")
    for i, area in enumerate(areas):
        if i:
            page.get_by_role("button", name="+ 添加一行").click()
        page.select_option(f"#id_scenarios-{i}-area", area)
        page.fill(f"#id_scenarios-{i}-title", f"场景{i + 1}")
    page.get_by_role("button", name="保存并继续").click()

    page.get_by_label("智能制造能力成熟度等级").select_option("3")
    page.get_by_label("自评估得分").fill("3.12")
    page.get_by_label("自评估日期").fill("2025-10-01")
    page.get_by_label("自评估报告编号").fill("C3MEP-2025-00099")
    page.get_by_role("button", name="保存并继续").click()

    # Optional: an organisation whose employees must not review the application (第九条).
    page.locator("[name='avoided-0-name']").fill("吉林某竞争医药有限公司")
    page.locator("[name='avoided-0-relation']").fill("竞争对手")
    page.get_by_role("button", name="保存并继续").click()
    assert AvoidedOrganisation.objects.filter(name="吉林某竞争医药有限公司", relation="竞争对手").exists()

    form = tmp_path / "申报书.pdf"
    form.write_bytes(DEMO_PDF)
    page.get_by_label("材料类别").select_option("application_form")
    page.set_input_files("#id_documents", [str(form)])
    page.get_by_role("button", name="上传", exact=True).click()
    assert "已上传 1 个文件" in page.content()
    page.get_by_role("link", name="下一步：承诺书 →").click()

    page.get_by_label("本单位已阅读上述承诺书的全部内容，同意并作出以上承诺").check()
    page.get_by_role("button", name="确认承诺并继续").click()

    # The check page refuses before the button, naming the rule and its article.
    refusal = page.locator("#failing-rules")
    assert "不符合认定条件，暂不能提交" in refusal.inner_text()
    assert "不符合“软硬件完成投资”（第七条第1款）" in refusal.inner_text()
    assert page.get_by_role("button", name="提交申报").is_disabled()
    journey.shot("submit-refused")
    confirm = page.url

    # Fixed: the software was 31,000,000.50 yuan; now it goes.
    page.goto(investments)
    page.fill("#id_inv-1-amount", "31000000.50")
    page.get_by_role("button", name="保存", exact=True).click()
    assert "8,300.00005万元" in page.content()
    journey.shot("investments")
    page.goto(confirm)
    assert page.locator("#failing-rules").count() == 0
    journey.shot("confirm")
    page.get_by_role("button", name="提交申报").click()
    page.wait_for_load_state()
    journey.shot("submitted")


def test_an_enterprise_applies_for_a_future_factory_from_start_to_submission(journey, tmp_path) -> None:
    seed_demo()
    apply_for_a_future_factory(journey, tmp_path)
    page = journey.page
    application = Application.objects.get(project_name="精细化工未来工厂")
    assert application.status == "submitted"
    assert application.scenarios.count() == 5 and application.investments.count() == 2
    page.get_by_role("link", name="第1次提交").click()
    assert "提交时的条件判定" in page.content()
    journey.shot("submission")
