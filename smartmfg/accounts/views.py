"""Signing in and out, and sending each user to their role's home page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from smartmfg.accounts.http import AuthedRequest
from smartmfg.accounts.roles import ROLE_HOMES, roles_of


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """The first role's home; a user without a role is told so, not sent in circles."""
    held = roles_of(request.user)
    if not held:
        return render(request, "accounts/no_role.html", status=403)
    return redirect(ROLE_HOMES[held[0]])
