from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    name = "smartmfg.experts"
    label = "experts"
    verbose_name = _("评审专家")

    def ready(self) -> None:
        # The inbox and email adapter subscribes to the experts' events (Django's documented place for it).
        from smartmfg.experts import notify  # noqa: F401
