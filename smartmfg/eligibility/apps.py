from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "smartmfg.eligibility"
    label = "eligibility"
    verbose_name = _("认定条件判定")
