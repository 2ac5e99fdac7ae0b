from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "smartmfg.scoring"
    label = "scoring"
    verbose_name = _("专家评分")

    def ready(self) -> None:
        # The inbox and email adapter subscribes to the scoring events (Django's documented place for it).
        from smartmfg.scoring import home, notify  # noqa: F401  (and its section of the expert's home page)
