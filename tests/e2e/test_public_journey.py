"""第十条 in the browser, for the public: a visitor reads an open notice, objects online with a PDF and gets a
receipt; the Department asks the enterprise, which answers, and upholds the objection; the visitor reads
the reply at the private link; after publication the entry is absent; a visitor downloads the CSV and
verifies a certificate by its number; filing after the end is refused."""

from __future__ import annotations

import re

from django.urls import reverse

from smartmfg.certificates.models import Certificate
from smartmfg.notices.actions import do_start_notice
from smartmfg.notices.models import Objection, PublicNotice
from tests import factories
from tests.e2e.accessibility import blocking_violations
from tests.e2e.conftest import E2E
from tests.journeys import advance, today

pytestmark = E2E
NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _number(text: str) -> int:
    """二十三 → 23 (the challenge's numbers, 10 to 49)."""
    tens, _sep, ones = text.partition("十")
    return (NUMERALS[tens] if tens else 1) * 10 + (NUMERALS[ones] if ones else 0)


def _answer(label: str) -> str:
    first, second = re.search(r"(\S+)加(\S+)等于", label.split("：")[-1]).groups()
    return str(_number(first) + _number(second))


def test_a_visitor_objects_and_reads_the_outcome_and_verifies_a_certificate(journey, cast, tmp_path) -> None:
    a, b = advance(cast, cast.app_a, "approved"), advance(cast, cast.app_b, "approved")
    notice = do_start_notice(
        cast.call,
        [a.pk, b.pk],
        title="2026年度拟认定名单公示",
        starts_on=today(),
        contact="省工信厅规划处 0431-88888888",
        body="现将拟认定名单予以公示。",
        actor=cast.dept,
    )
    page = journey.page
    page.on("dialog", lambda dialog: dialog.accept())
    evidence = tmp_path / "发票复印件.pdf"
    evidence.write_bytes(factories.DEMO_PDF)

    # A visitor reads the notice and objects to enterprise A's entry, with a PDF.
    journey.go(reverse("public_notices:notice", kwargs={"pk": notice.pk}))
    assert "正在受理异议" in page.content()
    journey.shot("notice-open")
    assert blocking_violations(page) == []
    page.get_by_role("link", name=re.compile(f"提出异议.*{a.enterprise.name}")).click()
    page.get_by_label("个人", exact=True).check()
    page.get_by_label("真实姓名").fill("王某某")
    page.get_by_label("手机号码").fill("13912345678")
    page.get_by_label("异议的事实和理由").fill("该企业申报的数控机床实际未到货，发票与合同不符。")
    page.get_by_label("证明材料（选填）").set_input_files(str(evidence))
    page.get_by_label(re.compile("本人承诺")).check()
    challenge = page.get_by_label(re.compile("验证题"))
    challenge.fill(_answer(page.locator("label[for=id_challenge_answer]").inner_text()))
    journey.shot("objection-form")
    assert blocking_violations(page) == []
    page.get_by_role("button", name="下一步：核对填写内容").click()
    assert "核对异议内容" in page.content() and "发票复印件.pdf" in page.content()
    assert blocking_violations(page) == []
    page.get_by_role("button", name="确认提交异议").click()
    objection = Objection.objects.get(application=a)
    assert objection.receipt_number in page.content()
    journey.shot("receipt")
    assert blocking_violations(page) == []
    private = page.get_by_role("link", name="打开专用链接").get_attribute("href")

    # The Department asks the enterprise; the enterprise answers; the Department upholds it with a reply.
    journey.sign_in("dept", factories.PASSWORD)
    journey.go(reverse("notices:manage", kwargs={"pk": notice.pk}))
    assert "王某某" in page.content()  # the objector, for the Department only
    objection_card = page.locator("form", has=page.get_by_role("button", name="请企业说明"))
    objection_card.get_by_label("请企业说明的问题").fill("请说明数控机床的到货和验收情况。")
    objection_card.get_by_role("button", name="请企业说明").click()
    journey.sign_in("ent_a", factories.PASSWORD)
    journey.go(reverse("applications:detail", kwargs={"pk": a.pk}))
    assert "王某某" not in page.content() and "13912345678" not in page.content()
    page.get_by_role("link", name=re.compile("说明")).first.click()
    page.locator("textarea[name=reason]").fill("机床已于上月到货，验收单附后。")
    page.get_by_role("button", name="提交说明").click()
    journey.shot("enterprise-answered")
    journey.sign_in("dept", factories.PASSWORD)
    journey.go(reverse("notices:manage", kwargs={"pk": notice.pk}))
    decide = page.locator("form", has=page.get_by_role("button", name="处理异议"))
    decide.get_by_label("异议成立（移出名单）").check()
    decide.get_by_label("处理意见").fill("经核实，申报的部分设备未到货，异议成立。")
    decide.get_by_label("答复异议人（选填）").fill("您反映的情况经核实属实，该项目已移出拟认定名单。")
    decide.get_by_role("button", name="处理异议").click()
    a.refresh_from_db()
    assert a.status == "objection_upheld"

    # The visitor reads the reply at the private link.
    page.context.clear_cookies()
    page.goto(private)
    assert "该项目已移出拟认定名单" in page.content()
    journey.shot("reply-at-private-link")
    assert blocking_violations(page) == []

    # The notice ends and the rest is published (set up, not shown): A is absent, B is numbered.
    advance_rest(cast, notice)
    journey.go(reverse("public:results"))
    assert b.project_name in page.content() and a.project_name not in page.content()
    journey.shot("results")
    assert blocking_violations(page) == []
    publication = b.call.publications.get()
    csv = page.request.get(journey.base_url + reverse("opendata:publication_csv", kwargs={"pk": publication.pk}))
    assert csv.body().startswith(b"\xef\xbb\xbf") and b.project_name in csv.text()
    certificate = Certificate.objects.get(application=b)
    journey.go(reverse("opendata:verify_form"))
    page.get_by_role("textbox").first.fill(certificate.number)
    page.get_by_role("button").filter(has_text=re.compile("核验|查询")).first.click()
    assert b.enterprise.name in page.content() and "有效" in page.content()
    journey.shot("certificate-verified")
    assert blocking_violations(page) == []

    # After the notice, the form refuses whatever the page showed.
    journey.go(reverse("objections:file", kwargs={"notice": notice.pk, "application": b.pk}))
    assert "不能提交异议" in page.content() and "公示期满后不再受理异议" in page.content()
    assert Objection.objects.count() == 1


def advance_rest(cast, notice: PublicNotice) -> None:
    from tests.journeys import end_notice, publish

    end_notice(cast, notice)
    publish(cast, cast.call, cast.app_b)
