from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "smartmfg.public"
    label = "public"
    verbose_name = _("公众服务")
