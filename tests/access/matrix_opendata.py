"""Who may open the open data, the verification and the certificates (Art. 10).

The downloads of a published list, the data dictionary, the verification
page and the public API are everyone's. A certificate's PDF is enterprise
A's own and the Department's: 404 to everyone else, exactly as if it did not
exist (the anonymous visitor is sent to sign in). A call's numbering series
is the Department's page.
"""

from __future__ import annotations

from typing import Any

from smartmfg.certificates.actions import do_issue_certificates
from smartmfg.certificates.models import Certificate
from tests.access.matrix_common import DEPT_ONLY, EVERYONE, Row, call, none, row
from tests.journeys import advance

OWN_CERTIFICATE = row(302, 200, 404, 404, 404, 200, 404, 404, 404)


def _numbered(cast: Any) -> Certificate:
    advance(cast, cast.app_a, "published")
    do_issue_certificates(cast.app_a.publications.get(), actor=cast.dept)
    return Certificate.objects.get(application=cast.app_a)


def publication(cast: Any) -> dict[str, Any]:
    return {"pk": _numbered(cast).publication_id}


def number(cast: Any) -> dict[str, Any]:
    return {"number": _numbered(cast).number}


def certificate(cast: Any) -> dict[str, Any]:
    return {"pk": _numbered(cast).pk}


def series(cast: Any) -> dict[str, Any]:
    return {"call": call(cast)["pk"]}


def api_entries(cast: Any) -> dict[str, Any]:
    return {"publication_id": _numbered(cast).publication_id}


ROWS: dict[str, Row] = {
    "opendata:publication_csv": (publication, "get", EVERYONE),
    "opendata:publication_xlsx": (publication, "get", EVERYONE),
    "opendata:publication_json": (publication, "get", EVERYONE),
    "opendata:dictionary": (none, "get", EVERYONE),
    "opendata:verify_form": (none, "get", EVERYONE),
    "opendata:verify": (number, "get", EVERYONE),
    "opendata:certificate_pdf": (certificate, "get", OWN_CERTIFICATE),
    "opendata:series": (series, "get", DEPT_ONLY),
    "api:public_publication_list": (none, "get", EVERYONE),
    "api:public_publication_entries": (api_entries, "get", EVERYONE),
    "api:public_certificate": (number, "get", EVERYONE),
}
