"""The vocabulary of the permission matrix: personas, expected-code rows, URL arguments.

Each area of the platform lists its URLs in its own ``matrix_<area>.py`` as
``ROWS = {url name: (kwargs builder, method, expected codes per persona)}``;
``test_matrix.py`` merges them and checks that together they name every URL.

Codes: 200 shown, 302 redirected (to the login page for the anonymous
visitor), 403 a page of another role, 404 an object the persona may not
see (exactly as if it did not exist), 405 a wrong method.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from smartmfg.inbox.models import Message

PERSONAS = ("anon", "ent_a", "ent_b", "changchun", "jilin", "dept", "expert", "conflicted_expert", "admin")


def row(
    anon: int,
    ent_a: int,
    ent_b: int,
    changchun: int,
    jilin: int,
    dept: int,
    expert: int,
    conflicted_expert: int,
    admin: int,
) -> dict[str, int]:
    return dict(
        zip(PERSONAS, (anon, ent_a, ent_b, changchun, jilin, dept, expert, conflicted_expert, admin), strict=True)
    )


EVERYONE = row(200, 200, 200, 200, 200, 200, 200, 200, 200)
SIGNED_IN = row(302, 200, 200, 200, 200, 200, 200, 200, 200)
# An object of enterprise A in 长春: its enterprise, its bureau and the Department see it.
OWN_A = row(302, 200, 404, 200, 404, 200, 404, 404, 404)
ENTERPRISES_ONLY = row(302, 200, 200, 403, 403, 403, 403, 403, 403)
BUREAUS_AND_DEPT = row(302, 403, 403, 200, 200, 200, 403, 403, 403)
BUREAUS_ONLY = row(302, 403, 403, 200, 200, 403, 403, 403, 403)
DEPT_ONLY = row(302, 403, 403, 403, 403, 200, 403, 403, 403)
EXPERTS_ONLY = row(302, 403, 403, 403, 403, 403, 200, 200, 403)

Kwargs = Callable[[Any], dict[str, Any]]


def none(cast: Any) -> dict[str, Any]:
    return {}


def app_a(cast: Any) -> dict[str, Any]:
    return {"pk": cast.app_a.pk}


def withdraw_a(cast: Any) -> dict[str, Any]:
    return {"pk": cast.app_a.pk, "action": "withdraw"}


def attachment_a(cast: Any) -> dict[str, Any]:
    return {"pk": cast.app_a.pk, "attachment_id": cast.app_a.attachments.first().pk}


def enterprise_a(cast: Any) -> dict[str, Any]:
    return {"pk": cast.enterprise_a.pk}


def call(cast: Any) -> dict[str, Any]:
    return {"pk": cast.call.pk}


def message_of_a(cast: Any) -> dict[str, Any]:
    message = Message.objects.create(recipient=cast.ent_a, event="test", subject="s", body="b")
    return {"pk": message.pk}


Row = tuple[Kwargs, str, dict[str, int]]
