"""The local bureaus' workspace (and, until expert review has its own, the expert's home)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from smartmfg.access import require_role
from smartmfg.accounts.roles import Role
from smartmfg.applications.lists import application_list
from smartmfg.lib.http import AuthedRequest


@login_required
def bureau_home(request: AuthedRequest) -> HttpResponse:
    require_role(request.user, Role.BUREAU)
    return application_list(request, "reviews/bureau_home.html", {"jurisdiction": request.user.jurisdiction})


@login_required
def expert_home(request: AuthedRequest) -> HttpResponse:
    require_role(request.user, Role.EXPERT)
    # Assignments come with expert review; until then an expert's list is empty.
    return render(request, "reviews/expert_home.html", {"assignments": []})
