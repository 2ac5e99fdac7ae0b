from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "smartmfg.calls"
    label = "calls"
    verbose_name = _("申报批次")
