"""第十条: each published list as open data (CSV, XLSX, JSON) and the data dictionary; anyone may read them.

The files are the Department's published data, so they are always in the
platform's first language, whatever language the reader's pages are in.
They may be fetched from any site (``Access-Control-Allow-Origin: *``: no
credentials, nothing private) and are cached a short while only, since a
line's status can change (第十二条).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from smartmfg.access import get_publication_for_user
from smartmfg.certificates.published import CACHE_SECONDS, COLUMNS, TYPE_LABELS, published_rows
from smartmfg.notices.models import Publication
from smartmfg.public import opendata

Build = Callable[[Publication, list[dict[str, object]], str], bytes]

FORMATS: Final[dict[str, tuple[str, Build]]] = {
    "csv": (opendata.CSV_TYPE, lambda p, rows, url: opendata.as_csv(rows)),
    "xlsx": (opendata.XLSX_TYPE, lambda p, rows, url: opendata.as_xlsx(p, rows)),
    "json": (opendata.JSON_TYPE, lambda p, rows, url: opendata.as_json(p, rows, dictionary_url=url)),
}


@require_GET
def publication_data(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """One published list, as issued, with each line's number and status now, in ``kind`` (csv, xlsx, json)."""
    publication = get_publication_for_user(request.user, pk)
    content_type, build = FORMATS[kind]
    dictionary_url = f"{settings.SITE_URL.rstrip('/')}{reverse('opendata:dictionary')}"
    with translation.override(settings.LANGUAGE_CODE):
        rows = published_rows([publication])[publication.pk]
        content = build(publication, rows, dictionary_url)
    response = HttpResponse(content, content_type=content_type)
    name = f"{publication.document_number}-认定名单.{kind}"
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    response["X-Content-Type-Options"] = "nosniff"
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response


@require_GET
def dictionary(request: HttpRequest) -> HttpResponse:
    """What each column of the open data is: its name, label, type, meaning and an example."""
    columns = [{"column": c, "type_label": TYPE_LABELS[c.type]} for c in COLUMNS]
    return render(request, "opendata/dictionary.html", {"columns": columns})
