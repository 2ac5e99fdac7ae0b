"""The scoring's section of the expert's home page: each review's deadline and n of m scored, panels led."""

from __future__ import annotations

from typing import Any

from smartmfg.access import expert_of, led_rounds, visible_seats
from smartmfg.accounts.http import AuthedRequest
from smartmfg.experts.home import section
from smartmfg.scoring.panels import reviews_of


@section
def reviews(request: AuthedRequest) -> tuple[str, dict[str, Any]]:
    seats = list(visible_seats(request.user).select_related("application__call", "application__enterprise", "draw"))
    context = {
        "reviews": reviews_of(expert_of(request.user), seats),
        "panels": led_rounds(request.user).select_related("draw__call"),
    }
    return "scoring/_home.html", context
