from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from smartmfg.accounts.actions import do_admin_save
from smartmfg.enterprises.models import Contact, Enterprise
from smartmfg.lib.admin import ActionAdmin


class ContactInline(admin.TabularInline[Contact, Enterprise]):
    """An enterprise's contacts are its own (its profile page): shown here, not edited."""

    model = Contact
    extra = 0
    can_delete = False
    readonly_fields = ("name", "title", "phone", "email", "is_primary")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Enterprise)
class EnterpriseAdmin(ActionAdmin[Enterprise]):
    save = staticmethod(do_admin_save)
    list_display = ("name", "uscc", "jurisdiction", "industry", "manufacturing_type", "legal_status")
    list_filter = ("manufacturing_type", "legal_status", "jurisdiction__level")
    search_fields = ("name", "uscc")
    autocomplete_fields = ("jurisdiction",)
    list_select_related = ("jurisdiction",)
    inlines = [ContactInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """The contacts inline is read-only: nothing of it is written (``commit=False`` only tells the admin so)."""
        formset.save(commit=False)
