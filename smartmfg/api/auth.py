"""Who calls the API: a signed-in browser (session and CSRF token) or an integrator's token.

``Authorization: Bearer smf_...`` acts as the token's user; the browser's
session works as on the pages, with Django's CSRF check on every write.
Either way ``request.user`` is the acting user, so ``smartmfg.access`` decides
exactly as it does for pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import UserRateThrottle

from smartmfg.accounts.models import User
from smartmfg.api.actions import do_note_token_use
from smartmfg.api.models import ApiToken, digest

# ``last_used_at`` is written at most this often, not on every request.
TOUCH_EVERY: Final = dt.timedelta(minutes=5)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        row = ApiToken.objects.select_related("user").filter(key_digest=digest(token.strip())).first()
        if row is None or not row.is_valid or not row.user.is_active:
            return None
        do_note_token_use(row, every=TOUCH_EVERY)
        user: User = row.user
        request.user = user
        return user


class BrowserSession(SessionAuth):
    """The platform's own session; CSRF is checked on writes (ninja's ``SessionAuth``)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        return user if user.is_authenticated and user.is_active else None


AUTH: Final = [TokenAuth(), BrowserSession()]


class PerUserOrAddress(UserRateThrottle):
    """Counts a signed-in user's requests together, and an anonymous caller's by address."""
