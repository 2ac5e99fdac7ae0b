"""Who the person asking is: the signed-in account, its roles, its enterprise or its bureau.

The building blocks of every permission decision (``smartmfg.access`` and the
workflow's step check read them); nothing here decides anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role, roles_of
from smartmfg.jurisdictions.models import Jurisdiction

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    AnyUser = User | AnonymousUser
else:
    AnyUser = Any


def account_of(user: AnyUser) -> User | None:
    """The signed-in, active user, or None for the anonymous visitor."""
    return user if isinstance(user, User) and user.is_authenticated and user.is_active else None


def roles_held(user: AnyUser) -> list[Role]:
    account = account_of(user)
    return roles_of(account) if account else []


def enterprise_id_of(user: AnyUser) -> int | None:
    """The enterprise an enterprise user acts for."""
    account = account_of(user)
    return account.enterprise_id if account and Role.ENTERPRISE in roles_of(account) else None


def bureau_of(user: AnyUser) -> Jurisdiction | None:
    """The jurisdiction a bureau reviewer works for."""
    account = account_of(user)
    return account.jurisdiction if account and Role.BUREAU in roles_of(account) else None
