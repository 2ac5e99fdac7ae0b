"""Every URL of the platform × every persona: who gets what.

The rows come from the ``matrix_<area>.py`` modules beside this one; together
they must name every URL the project defines (the Django admin aside, which
has its own test): adding a view without deciding who may open it makes
``test_every_url_is_in_the_matrix`` fail.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.access
from tests.access.matrix_common import PERSONAS, Row


def _collect() -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for module in pkgutil.iter_modules(tests.access.__path__):
        if module.name.startswith("matrix_") and module.name != "matrix_common":
            area = importlib.import_module(f"tests.access.{module.name}").ROWS
            duplicated = set(rows) & set(area)
            assert not duplicated, f"{module.name} repeats {duplicated}"
            rows.update(area)
    return rows


MATRIX = _collect()


def url_names(patterns: list[Any] | None = None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace == "admin":
                continue  # Django's admin: see test_admin_is_for_administrators_only
            names |= url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_url_is_in_the_matrix() -> None:
    assert url_names() == set(MATRIX)


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("persona", PERSONAS)
def test_matrix(client, cast, name: str, persona: str) -> None:
    kwargs, method, expected = MATRIX[name]
    user = cast.persona(persona)
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs=kwargs(cast))
    response = getattr(client, method)(url)
    assert response.status_code == expected[persona], f"{persona} {method.upper()} {url}"
    if persona == "anon" and expected[persona] == 302 and name not in {"accounts:logout", "set_language"}:
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_is_for_administrators_only(client, cast, persona: str) -> None:
    user = cast.persona(persona)
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == (200 if persona == "admin" else 302)
