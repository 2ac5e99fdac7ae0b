from django.contrib import admin

from smartmfg.jurisdictions.models import Jurisdiction


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin[Jurisdiction]):
    list_display = ("name", "area", "code", "level", "parent", "reports_directly", "is_active")
    list_filter = ("level", "reports_directly", "is_active")
    search_fields = ("name", "area", "code", "key")
    list_select_related = ("parent",)
    readonly_fields = ("path",)
    ordering = ("path",)
