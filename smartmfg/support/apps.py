from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "smartmfg.support"
    label = "support"
    verbose_name = _("奖补资金")

    def ready(self) -> None:
        # A panel on the application page: the support granted and paid (第十一条).
        from smartmfg.applications.panels import register_panel
        from smartmfg.support.panels import support_panel

        register_panel("support/_panel.html", support_panel, order=70)
