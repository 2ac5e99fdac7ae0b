"""Issuing and revoking API tokens: named, checked, recorded."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from smartmfg.access import can_manage_api_tokens, require
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.api.models import ApiToken, digest, new_key
from smartmfg.audit.actions import record


def do_issue_api_token(
    user: User, *, name: str, expires_at: dt.datetime | None = None, actor: User
) -> tuple[ApiToken, str]:
    """A new token acting as ``user``; returns the row and the key, which is never shown again."""
    require(can_manage_api_tokens(actor))
    key = new_key()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name.strip(), hint=key[:12], key_digest=digest(key), expires_at=expires_at
        )
        record(
            actor=actor,
            role=Role.ADMIN,
            verb="issue_api_token",
            target=user,
            summary=f"{user.username} {token}",
            changes={"token": token.pk, "expires_at": expires_at.isoformat() if expires_at else None},
        )
    return token, key


def do_revoke_api_token(token: ApiToken, *, actor: User) -> bool:
    """Revoke ``token`` from now on; False when it was already revoked."""
    require(can_manage_api_tokens(actor))
    with transaction.atomic():
        changed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        if changed:
            record(
                actor=actor,
                role=Role.ADMIN,
                verb="revoke_api_token",
                target=token.user,
                summary=f"{token.user.username} {token}",
                changes={"token": token.pk},
            )
    return bool(changed)


def do_note_token_use(token: ApiToken, *, every: dt.timedelta) -> None:
    """When a token was last used, for its owner and the administrator: written at most once per ``every``.

    Not an audit entry: a token's use is frequent and is not a change of data.
    """
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > every:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
