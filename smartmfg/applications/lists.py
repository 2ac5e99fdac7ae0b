"""The application list every reviewer's workspace shows, filtered to what they may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest, HttpResponse

from smartmfg.access import visible_applications
from smartmfg.applications.filters import ApplicationFilter
from smartmfg.applications.tables import ApplicationTable
from smartmfg.lib.tables import table_page


def application_list(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Sortable, filterable, exportable; one query for the rows however many there are."""
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
