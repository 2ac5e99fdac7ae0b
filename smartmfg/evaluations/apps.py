from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "smartmfg.evaluations"
    label = "evaluations"
    verbose_name = _("复审与评审")

    def ready(self) -> None:
        # The Department's steps record more than a reason: their own forms and actions,
        # and a panel on the application page with what the stages recorded.
        from smartmfg.applications.panels import register_panel
        from smartmfg.evaluations.panels import stage_records
        from smartmfg.evaluations.step_forms import register_step_forms

        register_step_forms()
        register_panel("evaluations/_panel.html", stage_records, order=60)
