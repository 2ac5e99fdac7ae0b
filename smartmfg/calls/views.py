"""The Department's pages for calls: the list, a call, creating, editing, opening and closing it.

The policy page with its what-if is eligibility's (``eligibility.views``), the
import page the intake's (``intake.views``); ``calls/urls.py`` routes them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from smartmfg.access import (
    can_close_call,
    can_import_applications,
    can_manage_calls,
    can_open_call,
    get_call_for_user,
    require,
    visible_applications,
    visible_calls,
)
from smartmfg.accounts.http import AuthedRequest
from smartmfg.audit.models import AuditEntry
from smartmfg.calls.actions import do_close_call, do_create_call, do_open_call, do_update_call
from smartmfg.calls.forms import (
    CallForm,
    display_text,
    parameter_label,
    policy_rows,
)
from smartmfg.calls.models import Call
from smartmfg.calls.tables import CallFilter, CallTable
from smartmfg.lib.forms import add_errors, form_status, posted
from smartmfg.lib.tables import table_page


@login_required
@require_GET
def call_list(request: AuthedRequest) -> HttpResponse:
    require(can_manage_calls(request.user))
    # Drafts never submitted are the enterprises' own: only what entered the procedure is counted.
    submitted = Count("applications", filter=Q(applications__submission_count__gt=0))
    calls = visible_calls(request.user).annotate(application_count=submitted)
    return table_page(
        request,
        queryset=calls,
        table_class=CallTable,
        filterset_class=CallFilter,
        template="calls/list.html",
        export_name="calls",
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: AuthedRequest) -> HttpResponse:
    require(can_manage_calls(request.user))
    form = CallForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            call = do_create_call(form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已创建申报批次（草稿）。发布前可调整认定条件参数。"))
            return redirect("calls:detail", pk=call.pk)
    return render(request, "calls/form.html", {"form": form, "call": None}, status=form_status(request, form))


@login_required
@require_GET
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    require(can_manage_calls(request.user))
    call = get_call_for_user(request.user, pk)
    changes = list(call.policy_changes.select_related("changed_by"))
    for change in changes:
        change.label = parameter_label(change.parameter)  # type: ignore[attr-defined]
        change.old_shown = display_text(change.parameter, change.old_value)  # type: ignore[attr-defined]
        change.new_shown = display_text(change.parameter, change.new_value)  # type: ignore[attr-defined]
    context = {
        "call": call,
        "policy": policy_rows(call.get_policy()),
        "changes": changes,
        "audit": _audit(call),
        "can_open": can_open_call(request.user, call),
        "can_close": can_close_call(request.user, call),
        "can_import": can_import_applications(request.user, call),
        "application_count": visible_applications(request.user).filter(call=call).count(),
    }
    return render(request, "calls/detail.html", context)


def _audit(call: Call) -> list[dict[str, Any]]:
    """The call's own history (created, edited, opened, closed), oldest first, in words."""
    labels = {
        "create_call": _("创建批次"),
        "update_call": _("修改批次信息"),
        "open_call": _("发布"),
        "close_call": _("结束"),
    }
    entries = AuditEntry.objects.filter(target_type=call._meta.label_lower, target_id=str(call.pk))
    rows = []
    for entry in entries.select_related("actor").order_by("at", "id"):
        changes = []
        if entry.verb == "update_call":
            changes = [(_field_label(name), old, new) for name, (old, new) in entry.changes.items()]
        rows.append(
            {"label": labels.get(entry.verb, entry.verb), "at": entry.at, "actor": entry.actor, "changes": changes}
        )
    return rows


def _field_label(name: str) -> str:
    field = Call._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    require(can_manage_calls(request.user))
    call = get_call_for_user(request.user, pk)
    form = CallForm(posted(request), instance=Call.objects.get(pk=call.pk))
    if request.method == "POST" and form.is_valid():
        try:
            changed = do_update_call(call, form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已保存。") if changed else _("没有修改。"))
            return redirect("calls:detail", pk=call.pk)
    return render(request, "calls/form.html", {"form": form, "call": call}, status=form_status(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def open_call(request: AuthedRequest, pk: int) -> HttpResponse:
    """Publish a draft: a confirmation page, then the POST."""
    require(can_manage_calls(request.user))
    call = get_call_for_user(request.user, pk)
    require(can_open_call(request.user, call))
    if request.method == "POST":
        return _change_status(request, call, do_open_call, _("申报批次已发布，企业可按申报时间提交申报。"))
    return render(request, "calls/confirm.html", {"call": call, "opening": True})


@login_required
@require_http_methods(["GET", "POST"])
def close_call(request: AuthedRequest, pk: int) -> HttpResponse:
    require(can_manage_calls(request.user))
    call = get_call_for_user(request.user, pk)
    require(can_close_call(request.user, call))
    if request.method == "POST":
        return _change_status(request, call, do_close_call, _("申报批次已结束，不再接受提交。"))
    return render(request, "calls/confirm.html", {"call": call, "opening": False})


def _change_status(request: AuthedRequest, call: Call, action: Any, done: str) -> HttpResponse:
    try:
        action(call, actor=request.user)
    except ValidationError:
        messages.error(request, _("批次状态刚刚已由他人改变，请查看后重试。"))
    else:
        messages.success(request, done)
    return redirect("calls:detail", pk=call.pk)
