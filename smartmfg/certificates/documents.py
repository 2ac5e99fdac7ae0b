"""The certificate (证书) as PDF: the line as published, its number, and a QR code to its verification page.

Always in the platform's first language, like every document the Department
issues, and set in the font of ``lib.documents`` (it renders without system
fonts). The PDF states the certificate's status when it is rendered: a
revoked one says so across its face (第十二条), a cultivation project's is a
cultivation certificate (培育证书) until it is converted.
"""

from __future__ import annotations

from urllib.parse import unquote

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from smartmfg.certificates.models import Certificate
from smartmfg.certificates.published import PublicStatus, verification
from smartmfg.jurisdictions.seed import DEPARTMENT_NAME
from smartmfg.lib.documents import FONT_FILE, render_pdf

PDF_TYPE = "application/pdf"


def verification_url(number: str) -> str:
    """The public verification page of ``number``, absolute (the QR code leaves the platform)."""
    return f"{settings.SITE_URL.rstrip('/')}{reverse('opendata:verify', args=[number])}"


def qr_data_uri(url: str) -> str:
    """A QR code (medium error correction, so a worn print still scans) as an SVG data URI."""
    return str(segno.make_qr(url, error="m").svg_data_uri(scale=4, border=2, dark="#000"))


def certificate_pdf(certificate: Certificate) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        facts = verification(certificate)
        url = verification_url(certificate.number)
        html = render_to_string(
            "certificates/certificate_document.html",
            {
                "certificate": certificate,
                "facts": facts,
                "publication": certificate.publication,
                "cultivation": facts.status in (PublicStatus.CULTIVATION, PublicStatus.CULTIVATION_DROPPED),
                "revoked": facts.status == PublicStatus.REVOKED,
                "dropped": facts.status == PublicStatus.CULTIVATION_DROPPED,
                "issuer": DEPARTMENT_NAME,
                "url": unquote(url),  # printed as people read it; the QR code carries it percent-encoded
                "qr": qr_data_uri(url),
                "font_url": FONT_FILE.as_uri(),
            },
        )
    return render_pdf(html)
