from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "smartmfg.visits"
    label = "visits"
    verbose_name = _("现场抽查")

    def ready(self) -> None:
        # The inbox and email adapter subscribes to the visits' events (Django's documented place for it).
        from smartmfg.visits import home, notify  # noqa: F401  (and its section of the expert's home page)
