"""The import page: applications received on paper or from another system, entered in the import format."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from smartmfg.access import can_import_applications, can_manage_calls, get_call_for_user, require
from smartmfg.accounts.http import AuthedRequest
from smartmfg.calls.forms import ImportForm
from smartmfg.intake.actions import import_file
from smartmfg.intake.importing import Outcome
from smartmfg.lib.choices import current_lang
from smartmfg.lib.forms import form_status, is_htmx, posted


@login_required
@require_http_methods(["GET", "POST"])
def import_applications(request: AuthedRequest, pk: int) -> HttpResponse:
    """Upload a JSON file; each application is reported, imported (with its link) or with its errors."""
    require(can_manage_calls(request.user))
    call = get_call_for_user(request.user, pk)
    require(can_import_applications(request.user, call))
    form = ImportForm(posted(request), request.FILES if request.method == "POST" else None)
    context: dict[str, Any] = {"call": call, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = request.FILES.get("file")
        name = getattr(upload, "name", None) or "upload.json"
        outcomes = import_file(call, form.cleaned_data["file"], actor=request.user, source=name)
        context.update(_import_context(outcomes))
    if is_htmx(request) and request.method == "POST":
        return render(request, "calls/_import_results.html", context)
    return render(request, "calls/import.html", context, status=form_status(request, form))


def _import_context(outcomes: list[Outcome]) -> dict[str, Any]:
    lang = current_lang()
    return {
        "outcomes": [(o, o.messages(lang)) for o in outcomes],
        "imported": sum(o.imported for o in outcomes),
        "failed": sum(not o.imported for o in outcomes),
    }
