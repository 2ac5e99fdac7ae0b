from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from smartmfg.accounts.models import ExpertProfile, User

# Roles are fields of the user (see roles.py), not groups.
admin.site.unregister(Group)


class ExpertProfileInline(admin.StackedInline[ExpertProfile, User]):
    model = ExpertProfile
    extra = 0


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
    inlines = [ExpertProfileInline]
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
