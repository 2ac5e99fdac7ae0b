from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WizardConfig(AppConfig):
    name = "smartmfg.wizard"
    label = "wizard"
    verbose_name = _("申报填报")

    def ready(self) -> None:
        # The enterprise's panels on the application page: editing, its submissions.
        from smartmfg.wizard import panels

        panels.register()
