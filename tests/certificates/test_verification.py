"""The public verification page: the number's enterprise, tier, project, date and status, and nothing else."""

from __future__ import annotations

from urllib.parse import quote

from django.urls import reverse

from smartmfg.certificates.models import Certificate
from smartmfg.support.actions import do_grant_support
from tests.certificates.helpers import revoke, with_cultivation
from tests.journeys import document_number, today


def _certificate(cast, enterprise: str = "长春甲企业有限公司") -> Certificate:
    return Certificate.objects.select_related("application").get(enterprise_name=enterprise)


def test_anyone_sees_the_public_facts_and_the_status(client, cast):
    with_cultivation(cast)
    certificate = _certificate(cast)
    page = client.get(reverse("opendata:verify", args=[certificate.number]))
    html = page.content.decode()
    assert page.status_code == 200
    facts = page.context["facts"]
    assert (facts.enterprise, facts.tier, facts.project, facts.status) == (
        "长春甲企业有限公司",
        "digital_workshop",
        certificate.project_name,
        "valid",
    )
    assert facts.published_on == certificate.publication.published_on
    assert "有效（已认定）" in html and "数字化车间（生产线）" in html


def test_nothing_else_of_the_application_is_shown(client, cast):
    with_cultivation(cast)
    certificate = _certificate(cast)
    do_grant_support(
        certificate.application,
        amount="1234567.00",
        document_number=document_number(70),
        granted_on=today(),
        note="奖补",
        actor=cast.dept,
    )
    html = client.get(reverse("opendata:verify", args=[certificate.number])).content.decode()
    application = certificate.application
    for private in (
        "1,234,567",
        "1234567",  # the support granted
        "86.50",  # the experts' score
        "系统集成度高",  # the experts' conclusion
        "良好",  # the credit check
        "信用中国",
        "expert",
        application.reference,
        cast.enterprise_a.uscc,
        application.project_address or "不存在的地址",
    ):
        assert private not in html, private


def test_a_cultivation_project_is_shown_in_cultivation(client, cast):
    with_cultivation(cast)
    certificate = _certificate(cast, "长春丙在建项目有限公司")
    page = client.get(reverse("opendata:verify", args=[certificate.number]))
    assert page.context["facts"].status == "cultivation"
    assert "培育中" in page.content.decode()


def test_a_revoked_certificate_says_so_with_its_date(client, cast):
    with_cultivation(cast)
    revocation = revoke(cast, cast.app_a)
    page = client.get(reverse("opendata:verify", args=[_certificate(cast).number]))
    html = page.content.decode()
    assert page.context["facts"].status == "revoked"
    assert page.context["facts"].revoked_on == revocation.revoked_on
    assert "已撤销认定" in html and revocation.revoked_on.isoformat() in html and "作废" in html
    assert "申报材料弄虚作假" not in html  # the reason is not the public's


def test_an_unknown_number_is_a_404_that_says_so(client, cast):
    page = client.get(reverse("opendata:verify", args=["吉数车-2099-9999"]))
    assert page.status_code == 404
    html = page.content.decode()
    assert "未找到该编号的证书" in html and "吉数车-2099-9999" in html


def test_the_form_takes_a_typed_number_to_its_page(client, cast):
    with_cultivation(cast)
    number = _certificate(cast).number
    assert client.get(reverse("opendata:verify_form")).status_code == 200
    typed = number.replace("-", "－").replace("2", "２")  # typed with a Chinese input method: full-width
    response = client.get(reverse("opendata:verify_form"), {"number": f" {typed} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("opendata:verify", args=[number])
    assert client.get(reverse("opendata:verify_form"), {"number": "  "}).status_code == 400
    assert client.post(reverse("opendata:verify_form")).status_code == 405


def test_a_number_typed_in_the_address_bar_full_width_is_redirected(client, cast):
    with_cultivation(cast)
    number = _certificate(cast).number
    response = client.get("/verify/" + quote(number.replace("-", "－")) + "/")
    assert response.status_code == 302 and response["Location"] == reverse("opendata:verify", args=[number])
