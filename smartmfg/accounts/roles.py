"""The roles of the programme (domain.md §1) and which a user holds.

A user's roles follow from plain fields, checked by database constraints:
an enterprise user is bound to one enterprise, a bureau reviewer to one
jurisdiction; the Department, expert and administrator roles are flags. Only
one combination is allowed: Department staff may also administer the
platform. An administrator is never an expert, and nobody reviews while
also applying for an enterprise.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from smartmfg.accounts.models import User


class Role(StrEnum):
    ENTERPRISE = "enterprise"
    BUREAU = "bureau"
    DEPARTMENT = "department"
    EXPERT = "expert"
    ADMIN = "admin"

    @property
    def label(self) -> Promise:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, Promise] = {
    Role.ENTERPRISE: _("申报企业"),
    Role.BUREAU: _("属地工信部门"),
    Role.DEPARTMENT: _("省工信厅"),
    Role.EXPERT: _("评审专家"),
    Role.ADMIN: _("系统管理员"),
}

# Where each role lands after logging in, by URL name.
ROLE_HOMES: dict[Role, str] = {
    Role.ENTERPRISE: "enterprises:workspace",
    Role.BUREAU: "reviews:bureau_home",
    Role.DEPARTMENT: "department:home",
    Role.EXPERT: "experts:home",
    Role.ADMIN: "admin:index",
}


def roles_of(user: User) -> list[Role]:
    """The roles ``user`` holds, the working role first."""
    if not user.is_authenticated or not user.is_active:
        return []
    roles: list[Role] = []
    if user.enterprise_id is not None:
        roles.append(Role.ENTERPRISE)
    if user.jurisdiction_id is not None:
        roles.append(Role.BUREAU)
    if user.is_department:
        roles.append(Role.DEPARTMENT)
    if user.is_expert:
        roles.append(Role.EXPERT)
    if user.is_staff:
        roles.append(Role.ADMIN)
    return roles


def has_role(user: User, role: Role) -> bool:
    return role in roles_of(user)
