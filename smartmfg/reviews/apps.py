from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "smartmfg.reviews"
    label = "reviews"
    verbose_name = _("审核评审")

    def ready(self) -> None:
        from smartmfg.applications.panels import register_panel
        from smartmfg.reviews.panels import review_panel
        from smartmfg.reviews.step_forms import register_step_forms

        register_step_forms()

        # Before the step buttons: the judgement the bureau's pass depends on comes first.
        register_panel("reviews/_review_panel.html", review_panel, order=20)
