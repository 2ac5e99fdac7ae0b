"""The reviewers' workspaces: bureau, Department and expert home pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from smartmfg.access import require_role, visible_applications, visible_calls
from smartmfg.accounts.roles import Role
from smartmfg.applications.filters import ApplicationFilter
from smartmfg.applications.tables import ApplicationTable
from smartmfg.lib.http import AuthedRequest
from smartmfg.lib.tables import table_page


def _application_list(request: HttpRequest, template: str, context: dict[str, object]) -> HttpResponse:
    queryset = visible_applications(request.user).select_related("enterprise", "jurisdiction", "call")
    counts = dict(queryset.order_by().values_list("status").annotate(n=Count("id")))
    return table_page(
        request,
        queryset=queryset,
        table_class=ApplicationTable,
        filterset_class=ApplicationFilter,
        template=template,
        export_name="applications",
        context={**context, "status_counts": counts},
    )


@login_required
def bureau_home(request: AuthedRequest) -> HttpResponse:
    require_role(request.user, Role.BUREAU)
    return _application_list(request, "reviews/bureau_home.html", {"jurisdiction": request.user.jurisdiction})


@login_required
def department_home(request: AuthedRequest) -> HttpResponse:
    require_role(request.user, Role.DEPARTMENT)
    return _application_list(request, "reviews/department_home.html", {"calls": visible_calls(request.user)[:5]})


@login_required
def expert_home(request: AuthedRequest) -> HttpResponse:
    require_role(request.user, Role.EXPERT)
    # Assignments come with expert review; until then an expert's list is empty.
    return render(request, "reviews/expert_home.html", {"assignments": []})
