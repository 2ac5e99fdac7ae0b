from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from smartmfg.accounts.actions import do_admin_change_password, do_admin_save, do_admin_save_related
from smartmfg.accounts.models import User

# Roles are fields of the user (see roles.py), not groups.
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]
    list_display = (
        "username",
        "name",
        "enterprise",
        "jurisdiction",
        "is_department",
        "is_expert",
        "is_staff",
        "is_active",
    )
    list_filter = ("is_department", "is_expert", "is_staff", "is_active")
    search_fields = ("username", "name", "email", "enterprise__name", "jurisdiction__name")
    autocomplete_fields = ("enterprise", "jurisdiction")
    list_select_related = ("enterprise", "jurisdiction")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("个人信息"), {"fields": ("name", "email", "phone")}),
        (
            _("角色"),
            {"fields": ("enterprise", "jurisdiction", "is_department", "is_expert", "is_staff", "is_superuser")},
        ),
        (_("状态"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "name", "password1", "password2")}),
        (_("角色"), {"fields": ("enterprise", "jurisdiction", "is_department", "is_expert", "is_staff")}),
    )
    readonly_fields = ("last_login", "date_joined")

    # Every change goes through an audited action; nobody is deleted (deactivate instead).
    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        do_admin_save(obj, changed=list(form.changed_data), created=not change, actor=request.user)  # type: ignore[arg-type]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        do_admin_save_related(formset, form.instance, actor=request.user)  # type: ignore[arg-type]

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        user = self.get_object(request, id)
        if user is None or request.method != "POST":
            return super().user_change_password(request, id, form_url)
        return do_admin_change_password(  # type: ignore[no-any-return]
            user,
            lambda: super(UserAdmin, self).user_change_password(request, id, form_url),
            actor=request.user,  # type: ignore[arg-type]
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
