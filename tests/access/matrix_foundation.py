"""Who may open the foundation's pages: public pages, accounts, workspaces, applications."""

from __future__ import annotations

from tests.access.matrix_common import (
    BUREAUS_AND_DEPT,
    ENTERPRISES_ONLY,
    EVERYONE,
    OWN_A,
    SIGNED_IN,
    Row,
    app_a,
    attachment_a,
    call,
    enterprise_a,
    message_of_a,
    none,
    row,
    withdraw_a,
)

# name: (kwargs, method, expected codes per persona)
ROWS: dict[str, Row] = {
    "public:home": (none, "get", EVERYONE),
    "public:call_detail": (call, "get", EVERYONE),
    "public:healthz": (none, "get", EVERYONE),
    "accounts:login": (none, "get", row(200, 302, 302, 302, 302, 302, 302, 302, 302)),
    "accounts:logout": (none, "post", row(302, 302, 302, 302, 302, 302, 302, 302, 302)),
    "accounts:password_change": (none, "get", SIGNED_IN),
    "accounts:password_done": (none, "get", SIGNED_IN),
    "accounts:home": (none, "get", row(302, 302, 302, 302, 302, 302, 302, 302, 302)),
    "enterprises:workspace": (none, "get", ENTERPRISES_ONLY),
    "enterprises:profile": (none, "get", ENTERPRISES_ONLY),
    "enterprises:list": (none, "get", BUREAUS_AND_DEPT),
    "enterprises:detail": (enterprise_a, "get", OWN_A),
    "applications:detail": (app_a, "get", OWN_A),
    "applications:attachment": (attachment_a, "get", OWN_A),
    "applications:verdict": (app_a, "get", OWN_A),
    # Withdrawing A: its enterprise may (and is sent back to the page); its bureau and the
    # Department see it but the workflow table refuses them; everyone else gets 404.
    "applications:step": (withdraw_a, "post", row(302, 302, 404, 403, 404, 403, 404, 404, 404)),
    "inbox:list": (none, "get", SIGNED_IN),
    "inbox:read": (message_of_a, "post", row(302, 302, 404, 404, 404, 404, 404, 404, 404)),
    "set_language": (none, "post", row(302, 302, 302, 302, 302, 302, 302, 302, 302)),
}
