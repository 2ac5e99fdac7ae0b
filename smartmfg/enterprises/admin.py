from django.contrib import admin

from smartmfg.enterprises.models import Contact, Enterprise


class ContactInline(admin.TabularInline[Contact, Enterprise]):
    model = Contact
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin[Enterprise]):
    list_display = ("name", "uscc", "jurisdiction", "industry", "manufacturing_type", "legal_status")
    list_filter = ("manufacturing_type", "legal_status", "jurisdiction__level")
    search_fields = ("name", "uscc")
    autocomplete_fields = ("jurisdiction",)
    list_select_related = ("jurisdiction",)
    inlines = [ContactInline]
