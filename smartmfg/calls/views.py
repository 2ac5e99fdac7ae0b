"""The Department's pages for calls: the list, a call and its policy, what-if, import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
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
from smartmfg.audit.models import AuditEntry
from smartmfg.calls.actions import do_close_call, do_create_call, do_open_call, do_update_call
from smartmfg.calls.forms import (
    CallForm,
    ImportForm,
    PolicyForm,
    display_text,
    field_name,
    parameter_label,
    policy_rows,
)
from smartmfg.calls.models import Call
from smartmfg.calls.tables import CallFilter, CallTable
from smartmfg.eligibility.actions import do_change_policy
from smartmfg.eligibility.importing import Outcome, import_file
from smartmfg.eligibility.verdicts import KIND_LABELS, KINDS, WhatIf, what_if
from smartmfg.lib.choices import current_lang
from smartmfg.lib.http import AuthedRequest
from smartmfg.lib.tables import table_page
from smartmfg.rules.checks import RULE_LABELS

# A what-if lists at most this many applications on the page; the command lists them all.
WHATIF_SHOWN = 500


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
    form = CallForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            call = do_create_call(form.cleaned_data, actor=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("已创建申报批次（草稿）。发布前可调整认定条件参数。"))
            return redirect("calls:detail", pk=call.pk)
    return render(request, "calls/form.html", {"form": form, "call": None}, status=_status(request, form))


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
    form = CallForm(_posted(request), instance=Call.objects.get(pk=call.pk))
    if request.method == "POST" and form.is_valid():
        try:
            changed = do_update_call(call, form.cleaned_data, actor=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("已保存。") if changed else _("没有修改。"))
            return redirect("calls:detail", pk=call.pk)
    return render(request, "calls/form.html", {"form": form, "call": call}, status=_status(request, form))


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


@login_required
@require_http_methods(["GET", "POST"])
def policy(request: AuthedRequest, pk: int) -> HttpResponse:
    """Edit the policy: “预览影响” shows the what-if (htmx fragment, or the whole page), “保存” records it."""
    require(can_manage_calls(request.user))
    call = get_call_for_user(request.user, pk)
    previewing = "_preview" in request.POST
    form = PolicyForm(_posted(request), policy=call.get_policy(), saving=not previewing)
    context: dict[str, Any] = {"call": call, "form": form}
    if request.method == "POST" and form.is_valid() and form.proposed is not None:
        if previewing:
            applications = visible_applications(request.user).filter(call=call)
            context["whatif"] = whatif_context(what_if(call, form.proposed, applications=applications))
        else:
            try:
                do_change_policy(call, form.changes(), reason=form.cleaned_data["reason"], actor=request.user)
            except ValidationError as error:
                _add_errors(form, error, rename=field_name)
            else:
                messages.success(request, _("认定条件参数已保存，本批次申报的条件判定已按新参数更新。"))
                return redirect("calls:detail", pk=call.pk)
    if previewing and _htmx(request):
        # The fragment carries its own error summary; htmx swaps only successful answers.
        return render(request, "calls/_whatif.html", context)
    return render(request, "calls/policy.html", context, status=_status(request, form))


def whatif_context(result: WhatIf) -> dict[str, Any]:
    """What the what-if fragment shows, with labels in the user's language."""
    lang = current_lang()
    names = {r.key: r.name for r in result.regions}
    changes = [
        {
            "change": change,
            "region": names.get(change.region, ""),
            "kind": KIND_LABELS[change.kind][lang],
            "rules": [(RULE_LABELS[rule][lang], before, after) for rule, before, after in change.rules],
        }
        for change in result.changes[:WHATIF_SHOWN]
    ]
    return {
        "result": result,
        "kind_labels": [KIND_LABELS[kind][lang] for kind in KINDS],
        "totals": [(KIND_LABELS[kind][lang], result.count(kind)) for kind in KINDS],
        "by_tier": result.by_tier(),
        "by_region": result.by_region(),
        "changes": changes,
        "hidden": max(0, result.changed - WHATIF_SHOWN),
        "diff": [
            (parameter_label(name), display_text(name, old), display_text(name, new)) for name, old, new in result.diff
        ],
    }


@login_required
@require_http_methods(["GET", "POST"])
def import_applications(request: AuthedRequest, pk: int) -> HttpResponse:
    """Upload a JSON file; each application is reported, imported (with its link) or with its errors."""
    require(can_manage_calls(request.user))
    call = get_call_for_user(request.user, pk)
    require(can_import_applications(request.user, call))
    form = ImportForm(_posted(request), request.FILES if request.method == "POST" else None)
    context: dict[str, Any] = {"call": call, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = request.FILES.get("file")
        name = getattr(upload, "name", None) or "upload.json"
        outcomes = import_file(call, form.cleaned_data["file"], actor=request.user, source=name)
        context.update(_import_context(outcomes))
    if _htmx(request) and request.method == "POST":
        return render(request, "calls/_import_results.html", context)
    return render(request, "calls/import.html", context, status=_status(request, form))


def _import_context(outcomes: list[Outcome]) -> dict[str, Any]:
    lang = current_lang()
    return {
        "outcomes": [(o, o.messages(lang)) for o in outcomes],
        "imported": sum(o.imported for o in outcomes),
        "failed": sum(not o.imported for o in outcomes),
    }


def _posted(request: HttpRequest) -> Any:
    """The form's data: bound on every POST, even an empty one (which is then invalid), never on GET."""
    return request.POST if request.method == "POST" else None


def _htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _status(request: HttpRequest, form: BaseForm) -> int:
    return 400 if request.method == "POST" and form.is_bound and form.errors else 200


def _add_errors(form: BaseForm, error: ValidationError, rename: Any = None) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        name = rename(field) if rename else field
        form.add_error(name if name in form.fields else None, errors)
