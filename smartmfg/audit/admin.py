from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from smartmfg.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """Read only: the trail is appended by actions and never edited."""

    list_display = ("at", "actor", "role", "verb", "target_type", "target_id", "summary")
    list_filter = ("role", "verb", "target_type")
    search_fields = ("summary", "target_id", "actor__username")
    list_select_related = ("actor",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
