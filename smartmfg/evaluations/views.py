"""The Department's workspace."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from smartmfg.access import require_role, visible_calls
from smartmfg.accounts.roles import Role
from smartmfg.applications.lists import application_list
from smartmfg.lib.http import AuthedRequest


@login_required
def department_home(request: AuthedRequest) -> HttpResponse:
    require_role(request.user, Role.DEPARTMENT)
    return application_list(request, "evaluations/department_home.html", {"calls": visible_calls(request.user)[:5]})
