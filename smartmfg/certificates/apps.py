"""Recognition numbers and certificates (证书) of the published list, verifiable by anyone (第十条)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "smartmfg.certificates"
    label = "certificates"
    verbose_name = _("认定证书")

    def ready(self) -> None:
        # The publish step numbers the list (a StepTaken subscriber, Django's documented place for it),
        # and a panel on the application page gives the certificate to the Department and the enterprise.
        from smartmfg.applications.panels import register_panel
        from smartmfg.certificates import subscribers  # noqa: F401
        from smartmfg.certificates.panels import certificate_panel

        register_panel("certificates/_panel.html", certificate_panel, order=65)
