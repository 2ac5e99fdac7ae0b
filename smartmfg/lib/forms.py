"""What every page with a form does the same way: bind on POST, answer 400, put an action's refusal on the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest


def posted(request: HttpRequest) -> Any:
    """The form's data: bound on every POST, even an empty one (which is then invalid), never on GET."""
    return request.POST if request.method == "POST" else None


def form_status(request: HttpRequest, form: BaseForm) -> int:
    """400 for a posted form with errors (so a failed submission is not mistaken for success), else 200."""
    return 400 if request.method == "POST" and form.is_bound and form.errors else 200


def add_errors(form: BaseForm, error: ValidationError, rename: Callable[[str], str] | None = None) -> None:
    """An action's ``ValidationError`` on the form: each message on its field (``rename`` maps the action's
    field names to the form's), the rest at the top of the form's error summary."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        name = rename(field) if rename else field
        form.add_error(name if name in form.fields else None, errors)


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))
