"""Art. 12 in the browser: the Department revokes a recognition for fraud, and the enterprise's home shows
the ban, with the day it ends, where the apply buttons were."""

from __future__ import annotations

from django.utils import timezone

from smartmfg.applications.models import Application
from smartmfg.demo.files import DEMO_PDF
from smartmfg.demo.loader import seed_demo
from smartmfg.rules.checks.conduct import ban_ends_on
from tests import factories
from tests.e2e.conftest import E2E

pytestmark = E2E


def test_a_revoked_enterprise_sees_the_ban_instead_of_the_apply_buttons(journey, tmp_path) -> None:
    seed_demo()
    recognised = Application.objects.get(project_name="转向架焊接数字化生产线")  # last year's demo
    factories.enterprise_user("rail", recognised.enterprise)
    evidence = tmp_path / "核实报告.pdf"
    evidence.write_bytes(DEMO_PDF)
    page = journey.page
    page.on("dialog", lambda dialog: dialog.accept())

    # Before: the enterprise may apply to this year's call.
    journey.sign_in("rail", factories.PASSWORD)
    journey.go("/enterprises/")
    assert page.get_by_role("button", name="申报数字化车间（生产线）").is_enabled()

    journey.sign_in("dept", "smartmfg-demo")
    journey.go(f"/applications/{recognised.pk}/")
    assert "本企业的其他认定" not in page.content()  # it has none to review
    revoke = page.locator("form[action$='/steps/revoke/']")
    revoke.get_by_label("撤销原因").fill("投资发票系伪造")
    revoke.get_by_label("撤销文号").fill(f"吉工信规划[{timezone.localdate().year}]9号")
    revoke.locator("input[type=file]").set_input_files([str(evidence)])
    revoke.get_by_role("button", name="撤销认定").click()
    assert f"应写作“吉工信规划〔{timezone.localdate().year}〕9号”" in page.content()  # GB/T 9704
    journey.shot("revocation-number-refused")
    revoke = page.locator("form[action$='/steps/revoke/']")
    revoke.get_by_label("撤销文号").fill(f"吉工信规划〔{timezone.localdate().year}〕9号")
    revoke.locator("input[type=file]").set_input_files([str(evidence)])
    revoke.get_by_role("button", name="撤销认定").click()
    assert "已办理：撤销认定" in page.content()
    journey.shot("revoked")

    journey.sign_in("rail", factories.PASSWORD)
    journey.go("/enterprises/")
    last = ban_ends_on(timezone.localdate(), 3)
    banner = page.locator("#ban")
    assert "根据第十二条" in banner.inner_text()
    assert f"至{last.year}年{last.month}月{last.day}日（含）不受理" in banner.inner_text()
    assert page.get_by_role("button", name="申报数字化车间（生产线）").count() == 0
    journey.shot("enterprise-banned")
