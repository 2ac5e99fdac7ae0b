"""Template context every page needs: the user's roles and navigation (the unread messages: ``inbox.context``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartmfg.accounts.models import User
from smartmfg.accounts.roles import ROLE_HOMES, Role, roles_of

# Each role's navigation, by URL name.
NAV: dict[Role, list[tuple[str, Any]]] = {
    Role.ENTERPRISE: [("enterprises:workspace", _("我的申报")), ("enterprises:profile", _("企业信息"))],
    Role.BUREAU: [
        ("reviews:bureau_home", _("初审工作台")),
        ("reviews:letters", _("推荐函")),
        ("enterprises:list", _("辖区企业")),
    ],
    Role.DEPARTMENT: [
        ("department:home", _("申报管理")),
        ("department:stages", _("评审工作")),
        ("calls:list", _("申报批次")),
        ("enterprises:list", _("企业")),
        ("experts:pool", _("专家库")),
    ],
    Role.EXPERT: [("experts:home", _("评审任务")), ("experts:my_record", _("我的信息"))],
    Role.ADMIN: [("admin:index", _("管理后台"))],
}
PUBLIC_NAV: list[tuple[str, Any]] = [
    ("public:home", _("首页")),
    ("public_notices:index", _("公示")),
    ("public:results", _("认定结果")),
    ("opendata:verify_form", _("证书核验")),
]


def roles(request: HttpRequest) -> dict[str, Any]:
    user = request.user if isinstance(request.user, User) else None
    held = roles_of(user) if user is not None else []
    items = list(PUBLIC_NAV)
    for role in held:
        items.extend(NAV[role])
    path = request.path
    links = [(reverse(name), label) for name, label in items]
    # Only the deepest entry the page sits under is current (/department/stages/ is also under /department/).
    under = [url for url, __ in links if path == url or (url != "/" and path.startswith(url))]
    current = max(under, key=len, default=None)
    nav = [{"url": url, "label": label, "current": url == current} for url, label in links]
    return {
        "user_roles": held,
        "user_role_labels": [role.label for role in held],
        "role_home": reverse(ROLE_HOMES[held[0]]) if held else None,
        "nav_items": nav,
    }
