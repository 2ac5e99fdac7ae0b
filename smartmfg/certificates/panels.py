"""The certificate panel on an application's page: its number, status, PDF and verification link (第十条)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from smartmfg.access import visible_certificates
from smartmfg.applications.models import Application
from smartmfg.certificates.published import verification


def certificate_panel(request: HttpRequest, application: Application) -> dict[str, Any] | None:
    """For the Department and the applying enterprise, once the application is numbered; None otherwise.

    One query: the certificate with its publication and the revocation, if any.
    """
    certificate = (
        visible_certificates(request.user)
        .filter(application=application)
        .select_related("publication", "application", "application__revocation")
        .first()
    )
    if certificate is None:
        return None
    return {"certificate": certificate, "facts": verification(certificate)}
