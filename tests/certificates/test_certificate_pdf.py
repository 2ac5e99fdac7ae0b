"""The certificate PDF: the Department's and the enterprise's own; a QR code to the verification page."""

from __future__ import annotations

import re
import zlib
from urllib.parse import unquote

import pytest
from django.urls import reverse

from smartmfg.certificates import documents
from smartmfg.certificates.models import Certificate
from tests.certificates.helpers import revoke, with_cultivation


@pytest.fixture
def rendered(monkeypatch):
    """The HTML each PDF was made from (the PDF itself is rendered once, in the test that reads it)."""
    pages: list[str] = []

    def keep(html: str) -> bytes:
        pages.append(html)
        return b"%PDF-1.7 stand-in"

    monkeypatch.setattr(documents, "render_pdf", keep)
    return pages


def _of_a() -> Certificate:
    return Certificate.objects.get(enterprise_name="长春甲企业有限公司")


def test_the_enterprise_downloads_its_own_certificate(client, cast, rendered):
    with_cultivation(cast)
    certificate = _of_a()
    client.force_login(cast.ent_a)
    response = client.get(reverse("opendata:certificate_pdf", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    html = rendered[0]
    assert certificate.number in html and certificate.publication.document_number in html
    assert "认定证书" in html and "长春甲企业有限公司" in html
    assert 'src="data:image/svg+xml' in html  # the QR code, inline


@pytest.mark.parametrize("persona", ["ent_b", "changchun", "expert"])
def test_nobody_else_gets_it(client, cast, rendered, persona):
    with_cultivation(cast)
    client.force_login(getattr(cast, persona))
    assert client.get(reverse("opendata:certificate_pdf", args=[_of_a().pk])).status_code == 404


def test_the_public_is_sent_to_sign_in(client, cast, rendered):
    with_cultivation(cast)
    response = client.get(reverse("opendata:certificate_pdf", args=[_of_a().pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_revoked_certificate_says_it_is_void(client, cast, rendered):
    with_cultivation(cast)
    revoke(cast, cast.app_a)
    client.force_login(cast.dept)
    client.get(reverse("opendata:certificate_pdf", args=[_of_a().pk]))
    assert "本证书作废" in rendered[0]


def test_a_cultivation_project_gets_a_cultivation_certificate(client, cast, rendered):
    with_cultivation(cast)
    client.force_login(cast.dept)
    certificate = Certificate.objects.get(enterprise_name="长春丙在建项目有限公司")
    client.get(reverse("opendata:certificate_pdf", args=[certificate.pk]))
    assert "培育证书" in rendered[0] and "培育项目" in rendered[0]


def test_the_qr_code_points_at_the_verification_page(settings):
    settings.SITE_URL = "https://zhizao.gxt.jl.gov.cn"
    url = documents.verification_url("吉数车-2026-0001")
    assert url == "https://zhizao.gxt.jl.gov.cn" + reverse("opendata:verify", args=["吉数车-2026-0001"])
    assert unquote(url).endswith("/verify/吉数车-2026-0001/")
    assert url.isascii()  # percent-encoded: any scanner reads it
    assert documents.qr_data_uri(url).startswith("data:image/svg+xml")


def _streams(pdf: bytes) -> bytes:
    """The PDF's streams, inflated (its objects are compressed)."""
    found = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            found.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(found)


def test_the_real_pdf_renders_with_the_cjk_font(cast):
    with_cultivation(cast)
    pdf = documents.certificate_pdf(_of_a())
    assert pdf.startswith(b"%PDF")
    inside = _streams(pdf)
    assert b"FontFile" in inside and b"NotoSerifCJK" in inside  # the platform's font, embedded
