from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "smartmfg.workflow"
    label = "workflow"
    verbose_name = _("办理流程")

    def ready(self) -> None:
        # The inbox and email adapter subscribes to the steps taken (Django's documented place for it).
        from smartmfg.workflow import notify  # noqa: F401
