"""The visits' section of the expert's home page: their on-site spot checks."""

from __future__ import annotations

from typing import Any

from smartmfg.access import visible_visits
from smartmfg.accounts.http import AuthedRequest
from smartmfg.experts.home import section


@section
def visits(request: AuthedRequest) -> tuple[str, dict[str, Any]]:
    rows = visible_visits(request.user).select_related("application__enterprise").order_by("-visit_on", "-pk")
    return "visits/_home.html", {"visits": rows}
