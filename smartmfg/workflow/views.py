"""Reading an application: its content, its files and its history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartmfg.access import can_edit_application, can_see_expert_names, get_application_for_user
from smartmfg.accounts.http import AuthedRequest
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application, Attachment
from smartmfg.applications.panels import panels_for
from smartmfg.lib.forms import add_errors
from smartmfg.workflow import table as workflow
from smartmfg.workflow.forms import ui_for
from smartmfg.workflow.presenters import steps_context, verdict_context
from smartmfg.workflow.transition import Conflict


@login_required
@require_GET
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    application = get_application_for_user(request.user, pk)
    return _detail(request, application)


def _detail(
    request: HttpRequest, application: Application, *, step_forms: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    steps = steps_context(request.user, application)
    for entry in steps:
        action = entry["step"].action
        entry["form"] = (step_forms or {}).get(action) or ui_for(action).form(
            step=entry["step"], application=application, initial={"seen": application.status}
        )
    context = {
        "application": application,
        "steps": steps,
        "panels": panels_for(request, application),
        **verdict_context(application),
        "investments": application.investments.all(),
        "workshops": application.workshops.all(),
        "scenarios": application.scenarios.all(),
        "attachments": application.current_files().select_related("uploaded_by"),
        **_history(request, application),
        "submissions": application.submissions.select_related("submitted_by"),
        "can_edit": can_edit_application(request.user, application),
    }
    return render(request, "applications/detail.html", context, status=status)


def _history(request: HttpRequest, application: Application) -> dict[str, Any]:
    """The 办理记录 timeline. Domain.md §7: an expert's name (and the signed visit report naming the
    experts) is shown to the Department only; everyone else reads 评审专家."""
    names = bool(can_see_expert_names(request.user))
    attachments = Attachment.objects.all() if names else Attachment.objects.exclude(event__role=Role.EXPERT.value)
    events = application.events.select_related("actor").prefetch_related(Prefetch("attachments", queryset=attachments))
    return {"events": events, "expert_names": names}


@login_required
@require_GET
def attachment(request: AuthedRequest, pk: int, attachment_id: int) -> FileResponse:
    """A file of an application, only to those who may read the application."""
    application = get_application_for_user(request.user, pk)
    files = application.attachments.all()
    if not can_see_expert_names(request.user):
        files = files.exclude(event__role=Role.EXPERT.value)  # a report the experts signed names them (§7)
    try:
        item = files.get(pk=attachment_id)
    except application.attachments.model.DoesNotExist:
        raise Http404 from None
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)
    response["Content-Type"] = item.content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def verdict(request: AuthedRequest, pk: int) -> HttpResponse:
    """The verdict panel alone, refreshed by htmx after each save."""
    application = get_application_for_user(request.user, pk)
    return render(request, "applications/_verdict.html", {"application": application, **verdict_context(application)})


@login_required
@require_POST
def take_step(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    """Take one step of the workflow table on one application (never a batch step)."""
    application = get_application_for_user(request.user, pk)
    step = workflow.STEP_BY_ACTION.get(action)
    if step is None or step.batch:
        raise Http404
    ui = ui_for(action)
    form = ui.form(request.POST, request.FILES, step=step, application=application)
    if form.is_valid():
        seen = form.cleaned_data.get("seen")
        if seen and seen != application.status:
            messages.error(request, str(Conflict()))
            return redirect("applications:detail", pk=application.pk)
        try:
            ui.handler(application, request.user, form)
        except Conflict as conflict:
            messages.error(request, str(conflict))
        except ValidationError as error:
            add_errors(form, error)
            return _detail(request, application, step_forms={action: form}, status=400)
        else:
            messages.success(request, _("已办理：%(step)s") % {"step": step.label})
        return redirect("applications:detail", pk=application.pk)
    return _detail(request, application, step_forms={action: form}, status=400)
