"""In Chromium: the API documentation runs under the site's CSP; a policy what-if previews in place."""

from __future__ import annotations

from tests import factories
from tests.e2e.conftest import E2E
from tests.eligibility.documents import document

pytestmark = E2E

CSP_WATCH = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
)


def test_the_api_docs_work_and_the_what_if_previews_without_leaving_the_page(journey) -> None:
    officer = factories.department_user("officer")
    call = factories.open_call(officer)
    # Received while the threshold stood at 19,000,000 yuan, short of today's (Art. 14).
    [short] = factories.import_under(
        call, officer, [document(total="19000000.00")], **{"min_investment.digital_workshop": "19000000.00"}
    )
    page = journey.page
    page.add_init_script(CSP_WATCH)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # The documentation: Swagger UI from the site's own files, every operation listed, one tried out.
    journey.go("/api/v1/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() == 7  # four of the workflow and the calculator, three public (open data)
    assert page.evaluate("window.__csp") == []
    block = page.locator(".opblock-post").first
    block.locator(".opblock-summary").click()
    block.get_by_role("button", name="Try it out").click()
    with page.expect_response(lambda r: "/api/v1/eligibility" in r.url) as answer:
        block.get_by_role("button", name="Execute").click()
    assert answer.value.status == 200 and answer.value.json()["eligible"] is True
    journey.shot("api-docs")
    assert page.evaluate("window.__csp") == [] and errors == []

    # The what-if: the preview arrives in place (htmx), nothing is saved.
    journey.sign_in("officer", factories.PASSWORD)
    journey.go(f"/department/calls/{call.pk}/policy/")
    page.get_by_label("数字化车间（生产线）近年软硬件完成投资最低额（元）").fill("18000000")
    page.get_by_role("button", name="预览影响").click()
    page.wait_for_selector("#whatif-head")
    preview = page.locator("#whatif").inner_text()
    assert "其中 1 项的判定结果将改变" in preview and short.reference in preview
    assert page.url.endswith(f"/department/calls/{call.pk}/policy/")
    journey.shot("policy-what-if")
    call.refresh_from_db()
    assert call.get_policy().min_investment["digital_workshop"] == 20000000
    assert page.evaluate("window.__csp") == [] and errors == []
