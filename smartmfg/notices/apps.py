from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "smartmfg.notices"
    label = "notices"
    verbose_name = _("公示与公布")

    def ready(self) -> None:
        # Django's documented place for wiring: the objection adapters and the enterprise's panel.
        from smartmfg.applications.panels import register_panel
        from smartmfg.notices import notify  # noqa: F401
        from smartmfg.notices.panels import objection_questions

        register_panel("notices/_panel.html", objection_questions, order=45)
