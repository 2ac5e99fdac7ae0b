from django.contrib import admin

from smartmfg.accounts.actions import do_admin_save
from smartmfg.jurisdictions.models import Jurisdiction
from smartmfg.lib.admin import ActionAdmin


@admin.register(Jurisdiction)
class JurisdictionAdmin(ActionAdmin[Jurisdiction]):
    save = staticmethod(do_admin_save)
    list_display = ("name", "area", "code", "level", "parent", "reports_directly", "is_active")
    list_filter = ("level", "reports_directly", "is_active")
    search_fields = ("name", "area", "code", "key")
    list_select_related = ("parent",)
    readonly_fields = ("path",)
    ordering = ("path",)
