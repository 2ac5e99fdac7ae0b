"""Decisions, the signed-in user's roles, and the helpers every part of the permission module uses."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from smartmfg.accounts.identity import AnyUser, account_of, roles_held
from smartmfg.accounts.roles import Role
from smartmfg.inbox.models import Message
from smartmfg.lib.decisions import ALLOW, Decision, deny, require

__all__ = ["ALLOW", "AnyUser", "Decision", "deny", "get_or_404", "require", "require_role", "visible_messages"]

M = TypeVar("M", bound=Model)


def get_or_404(queryset: QuerySet[M], pk: int) -> M:
    """One object of ``queryset`` (already limited to what the user may see), or 404."""
    try:
        return queryset.get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None


def require_role(user: AnyUser, *roles: Role) -> None:
    """Pages of a role's workspace: anyone else gets 403 (they exist, but not for you)."""
    if not set(roles) & set(roles_held(user)):
        raise PermissionDenied(str(_("您没有访问此页面的权限")))


def visible_messages(user: AnyUser) -> QuerySet[Message]:
    """A user's in-platform messages are theirs alone."""
    account = account_of(user)
    return Message.objects.filter(recipient=account) if account else Message.objects.none()
