"""Request types for views."""

from __future__ import annotations

from django.http import HttpRequest

from smartmfg.accounts.models import User


class AuthedRequest(HttpRequest):
    """The request of a view behind ``login_required``: its user is signed in."""

    user: User
