"""Template context of every page: how many unread messages the signed-in user has."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from smartmfg.accounts.identity import account_of
from smartmfg.inbox.models import Message


def unread(request: HttpRequest) -> dict[str, Any]:
    account = account_of(request.user)
    if account is None:
        return {"unread_messages": 0}
    return {"unread_messages": Message.objects.filter(recipient=account, read_at__isnull=True).count()}
