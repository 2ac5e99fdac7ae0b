"""Decisions, the signed-in user's roles, and the helpers every part of the permission module uses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role, roles_of
from smartmfg.inbox.models import Message
from smartmfg.jurisdictions.models import Jurisdiction

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    AnyUser = User | AnonymousUser
else:
    AnyUser = Any


class Decision(NamedTuple):
    """Whether something may be done; if not, why (``details``: one line per thing in the way, for a list)."""

    allowed: bool
    reason: str | Promise = ""
    details: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason: str | Promise, details: tuple[str, ...] = ()) -> Decision:
    return Decision(False, reason, details)


def require(decision: Decision) -> None:
    """Raise ``PermissionDenied`` with the reason when the decision is a refusal."""
    if not decision.allowed:
        raise PermissionDenied(str(decision.reason))


def _account(user: AnyUser) -> User | None:
    """The signed-in, active user, or None for the anonymous visitor."""
    return user if isinstance(user, User) and user.is_authenticated and user.is_active else None


def _roles(user: AnyUser) -> list[Role]:
    account = _account(user)
    return roles_of(account) if account else []


def _enterprise_id(user: AnyUser) -> int | None:
    account = _account(user)
    return account.enterprise_id if account and Role.ENTERPRISE in roles_of(account) else None


def _bureau(user: AnyUser) -> Jurisdiction | None:
    """The jurisdiction a bureau reviewer works for."""
    account = _account(user)
    return account.jurisdiction if account and Role.BUREAU in roles_of(account) else None


M = TypeVar("M", bound=Model)


def get_or_404(queryset: QuerySet[M], pk: int) -> M:
    """One object of ``queryset`` (already limited to what the user may see), or 404."""
    try:
        return queryset.get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None


def require_role(user: AnyUser, *roles: Role) -> None:
    """Pages of a role's workspace: anyone else gets 403 (they exist, but not for you)."""
    if not set(roles) & set(_roles(user)):
        raise PermissionDenied(str(_("您没有访问此页面的权限")))


def visible_messages(user: AnyUser) -> QuerySet[Message]:
    """A user's in-platform messages are theirs alone."""
    account = _account(user)
    return Message.objects.filter(recipient=account) if account else Message.objects.none()
