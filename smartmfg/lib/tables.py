"""Lists that page, sort, filter and export, the same way on every page.

``table_page`` takes an already-authorised queryset (from a ``visible_*``
helper), applies the filter form, sorts and pages it with django-tables2,
answers htmx requests with the table fragment alone, and exports every
filtered row (not just the page) as Excel when ``?_export=xlsx``.
"""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_tables2.export import TableExport

PER_PAGE = 25
EXPORT_FORMATS = ("xlsx", "csv")


class MoneyColumn(tables.Column):
    """Yuan to the fen: ``1,200,000.50`` on the page, ``1200000.50`` in an export (a number, no separators)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("attrs", {"td": {"class": "num"}, "th": {"class": "num"}})
        super().__init__(*args, **kwargs)

    def render(self, value: Any) -> str:
        return f"{value:,.2f}"

    def value(self, value: Any) -> str:
        return f"{value:.2f}"


class Table(tables.Table):
    """Base table: our template, localised empty text."""

    class Meta:
        template_name = "components/table.html"
        attrs = {"class": "table"}


def table_page(
    request: HttpRequest,
    *,
    queryset: QuerySet[Any],
    table_class: type[tables.Table],
    template: str,
    filterset_class: Any = None,
    export_name: str | None = None,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request) if filterset_class else None
    rows = filterset.qs if filterset is not None and filterset.is_bound and filterset.is_valid() else queryset
    table = table_class(rows)
    export_format = request.GET.get("_export")
    if export_name and export_format in EXPORT_FORMATS:
        exporter = TableExport(export_format, table, exclude_columns=getattr(table_class, "export_exclude", ()))
        response: HttpResponse = exporter.response(f"{export_name}.{export_format}")
        return response
    tables.RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    page_context = {"table": table, "filter": filterset, "export_formats": EXPORT_FORMATS if export_name else ()}
    page_context.update(context or {})
    if getattr(request, "htmx", False) and request.headers.get("HX-Target") == "table-block":
        return render(request, "components/table_block.html", page_context)
    return render(request, template, page_context)
