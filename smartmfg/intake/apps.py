from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "smartmfg.intake"
    label = "intake"
    verbose_name = _("书面申报导入")
