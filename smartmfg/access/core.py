"""Decisions, the signed-in user's roles, and the helpers every part of the permission module uses."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404

from smartmfg.accounts.identity import AnyUser, account_of
from smartmfg.inbox.models import Message
from smartmfg.lib.decisions import ALLOW, Decision, deny, require

__all__ = ["ALLOW", "AnyUser", "Decision", "deny", "get_or_404", "require", "visible_messages"]

M = TypeVar("M", bound=Model)


def get_or_404(queryset: QuerySet[M], pk: int) -> M:
    """One object of ``queryset`` (already limited to what the user may see), or 404."""
    try:
        return queryset.get(pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None


def visible_messages(user: AnyUser) -> QuerySet[Message]:
    """A user's in-platform messages are theirs alone."""
    account = account_of(user)
    return Message.objects.filter(recipient=account) if account else Message.objects.none()
