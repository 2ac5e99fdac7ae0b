"""The application form, page by page, for the applying enterprise (第八条).

Each page is a plain form, described by an ``Editor`` and served by one view:
GET shows it, POST validates and saves it as a draft through one action, then
redirects to the same page ("保存") or the next one ("保存并继续"). Bad input
re-renders the page with its errors (status 400) and changes nothing. Once
submitted the same pages show the application read-only and the server
refuses edits (``can_edit_application``).

Every view starts with ``require(can_apply(...))`` (403 for the other
roles) and ``get_application_for_user`` (404 for another enterprise's).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartmfg.access import (
    Decision,
    can_apply,
    can_edit_application,
    can_edit_enterprise,
    can_see_expert_names,
    can_take,
    get_application_for_user,
    get_call_for_user,
    require,
    visible_applications,
)
from smartmfg.accounts.http import AuthedRequest
from smartmfg.applications.models import Application
from smartmfg.applications.uploads import ALLOWED_TYPES
from smartmfg.eligibility.gates import step_verdict
from smartmfg.eligibility.spreadsheets import investment_template, parse_investments
from smartmfg.lib.forms import add_errors, posted
from smartmfg.lib.sheets import XLSX, SheetErrors
from smartmfg.rules import facts
from smartmfg.rules.divisions import full_name
from smartmfg.wizard import forms as wf
from smartmfg.wizard.actions import (
    do_accept_commitment,
    do_add_attachment,
    do_create_application,
    do_remove_attachment,
    do_replace_avoided,
    do_replace_investments,
    do_replace_scenarios,
    do_replace_workshops,
    do_update_application,
)
from smartmfg.wizard.pages import PAGE_BY_SLUG, neighbours, progress
from smartmfg.wizard.presenters import (
    investment_summary,
    latest_return,
    submission_view,
)
from smartmfg.workflow.actions import do_submit_application
from smartmfg.workflow.forms import ui_for
from smartmfg.workflow.guards import REQUIRED_ATTACHMENTS, missing_for_submission
from smartmfg.workflow.presenters import steps_context, verdict_context
from smartmfg.workflow.transition import Conflict

# ---------------------------------------------------------------- helpers


def _load(request: AuthedRequest, pk: int, slug: str) -> Application:
    """The user's own application, for a page its tier has (404 otherwise)."""
    require(can_apply(request.user))
    application = get_application_for_user(request.user, pk)
    if not PAGE_BY_SLUG[slug].applies_to(application.tier):
        raise Http404
    return application


def _page(
    request: AuthedRequest,
    application: Application,
    slug: str,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> HttpResponse:
    """One page of the form: the progress bar, the page, and the live verdict beside it (``context``'s
    ``verdict`` when the page already judged the application, so it is judged once)."""
    before, after = neighbours(application.tier, slug)
    page = {
        "application": application,
        "page": PAGE_BY_SLUG[slug],
        "progress": progress(application, slug),
        "previous_url": reverse(before.url_name, kwargs={"pk": application.pk}) if before else None,
        "previous_label": before.label if before else "",
        "next_url": reverse(after.url_name, kwargs={"pk": application.pk}) if after else None,
        "next_label": after.label if after else "",
        "editable": can_edit_application(request.user, application),
        "returned": latest_return(application),
        **verdict_context(application, context.get("verdict") or step_verdict(application)),
        **context,
    }
    return render(request, f"wizard/{slug}.html", page, status=status)


def _saved(request: AuthedRequest, application: Application, slug: str, message: str | None = None) -> HttpResponse:
    """After a save: the same page ("保存") or the next one ("保存并继续")."""
    messages.success(request, message or _("已保存"))
    target = slug
    if request.POST.get("go") == "next":
        _before, after = neighbours(application.tier, slug)
        target = after.slug if after else slug
    return redirect(f"apply:{target}", pk=application.pk)


def _editing(request: AuthedRequest, application: Application) -> Decision:
    """Whether this request may change the application; a POST that may not is refused (403)."""
    decision = can_edit_application(request.user, application)
    if request.method == "POST":
        require(decision)
    return decision


# ---------------------------------------------------------------- start


@login_required
@require_POST
def start(request: AuthedRequest, call_id: int, tier: str) -> HttpResponse:
    """Start a draft of ``tier`` in the call and open its form (第八条).

    Starting twice (a double click, a second tab) opens the draft already there.
    """
    require(can_apply(request.user))
    call = get_call_for_user(request.user, call_id)
    if tier not in facts.TIERS:
        raise Http404
    existing = visible_applications(request.user).filter(call=call, tier=tier).first()
    if existing is not None:
        messages.info(request, _("本企业已在本批次申报该类别，已打开该申报"))
        return redirect("apply:enterprise", pk=existing.pk)
    enterprise = request.user.enterprise
    assert enterprise is not None  # the enterprise role means a bound enterprise
    try:
        application = do_create_application(call, enterprise, tier, actor=request.user)
    except IntegrityError:
        application = visible_applications(request.user).get(call=call, tier=tier)
    messages.success(request, _("已创建申报草稿 %(reference)s，请逐步填写") % {"reference": application.reference})
    return redirect("apply:enterprise", pk=application.pk)


# ---------------------------------------------------------------- the pages that edit


@dataclass(frozen=True)
class Editor:
    """What one page of the form edits, for the one view that loads, validates, saves and redirects.

    ``form`` builds the page's form (or forms) from the request, read-only when the enterprise may not
    edit; ``save`` writes it through the page's action and returns the message to show, or ``None``
    when the action refused and put its reasons on the form; ``context`` is what else the page shows;
    ``may_save`` is a further gate on a POST, beyond being allowed to edit the application.
    """

    form: Callable[[Any, Application, bool], Any]
    save: Callable[[AuthedRequest, Application, Any], str | None]
    context: Callable[[Application, Any], dict[str, Any]] = lambda application, form: {"form": form}
    may_save: Callable[[AuthedRequest, Application], Decision] | None = None


def _edit(request: AuthedRequest, pk: int, slug: str, editor: Editor) -> HttpResponse:
    """GET shows the page; POST saves it and moves on, or shows it again with its errors (400), unchanged."""
    application = _load(request, pk, slug)
    editable = _editing(request, application)
    if request.method == "POST" and editor.may_save is not None:
        require(editor.may_save(request, application))
    form = editor.form(request, application, not editable)
    if request.method == "POST" and form.is_valid():
        message = editor.save(request, application, form)
        if message is not None:
            return _saved(request, application, slug, message)
    status = 400 if request.method == "POST" else 200
    return _page(request, application, slug, editor.context(application, form), status=status)


# 1 企业信息: the enterprise's own record, shared by its applications.


def _save_profile(request: AuthedRequest, application: Application, profile: wf.ProfileForms) -> str:
    profile.save(application.enterprise, actor=request.user)
    return _("已保存")


ENTERPRISE = Editor(
    form=lambda request, application, readonly: wf.ProfileForms(
        posted(request), application.enterprise, readonly=readonly
    ),
    save=_save_profile,
    context=lambda application, profile: {"form": profile.form, "contacts": profile.contacts},
    may_save=lambda request, application: can_edit_enterprise(request.user, application.enterprise),
)


# 2 项目情况, 5 成熟度自评估: columns of the application itself.


def _fields(form_class: type[Any]) -> Callable[[Any, Application, bool], Any]:
    def build(request: AuthedRequest, application: Application, readonly: bool) -> Any:
        # The form writes onto its instance while validating: give it a copy, the verdict reads the stored one.
        form = form_class(posted(request), instance=copy.copy(application))
        if readonly:
            form.disable()
        return form

    return build


def _save_fields(request: AuthedRequest, application: Application, form: Any) -> str:
    changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
    do_update_application(application, changes, actor=request.user)
    return _("已保存")


def _maturity_context(application: Application, form: Any) -> dict[str, Any]:
    """第五条至第七条第2款: the tier's range of maturity levels under the call's policy."""
    policy = application.call.get_policy()
    tier: Any = application.tier
    return {"form": form, "min_level": policy.min_maturity_level[tier], "max_level": policy.max_maturity_level[tier]}


PROJECT = Editor(form=_fields(wf.ProjectForm), save=_save_fields)
MATURITY = Editor(form=_fields(wf.MaturityForm), save=_save_fields, context=_maturity_context)


# 3 投资明细, 4 车间 / 场景: rows, replaced all at once.


def _rows(
    formset_class: type[wf.RowFormSet], related: str, fields: tuple[str, ...], prefix: str = ""
) -> Callable[[AuthedRequest | None, Application, bool], wf.RowFormSet]:
    """The formset of the application's ``related`` rows (unbound without a request: the stored rows)."""

    def build(request: AuthedRequest | None, application: Application, readonly: bool) -> wf.RowFormSet:
        stored = getattr(application, related).all()
        return formset_class(
            posted(request) if request is not None else None,
            initial=wf.rows_initial(stored, fields),
            prefix=prefix or related,
            readonly=readonly,
        )

    return build


def _save_rows(replace: Callable[..., int]) -> Callable[[AuthedRequest, Application, wf.RowFormSet], str]:
    def save(request: AuthedRequest, application: Application, formset: wf.RowFormSet) -> str:
        replace(application, formset.kept(), actor=request.user)
        return _("已保存")

    return save


def _counts_context(application: Application, formset: wf.RowFormSet) -> dict[str, Any]:
    policy = application.call.get_policy()
    return {"formset": formset, "min_workshops": policy.min_workshops, "min_scenarios": policy.min_scenarios}


def _investments_context(
    application: Application,
    formset: wf.RowFormSet,
    *,
    upload: wf.InvestmentUploadForm | None = None,
    sheet_errors: list[str] | None = None,
) -> dict[str, Any]:
    verdict = step_verdict(application)
    return {
        "formset": formset,
        "upload": upload or wf.InvestmentUploadForm(),
        "sheet_errors": sheet_errors or [],
        "summary": investment_summary(list(application.investments.all()), verdict),
        "verdict": verdict,
    }


INVESTMENTS = Editor(
    form=_rows(wf.InvestmentFormSet, "investments", wf.INVESTMENT_FIELDS, prefix="inv"),
    save=_save_rows(do_replace_investments),
    context=_investments_context,
)
WORKSHOPS = Editor(  # 第六条第3款: the digital workshops a smart factory manages.
    form=_rows(wf.WorkshopFormSet, "workshops", wf.WORKSHOP_FIELDS),
    save=_save_rows(do_replace_workshops),
    context=_counts_context,
)
AVOIDED = Editor(  # 第九条: organisations whose employees must not review it.
    form=_rows(wf.AvoidedFormSet, "avoided", wf.AVOIDED_FIELDS),
    save=_save_rows(do_replace_avoided),
    context=lambda application, formset: {"formset": formset},
)
SCENARIOS = Editor(  # 第七条第3款: the typical scenarios of a future factory.
    form=_rows(wf.ScenarioFormSet, "scenarios", wf.SCENARIO_FIELDS),
    save=_save_rows(do_replace_scenarios),
    context=_counts_context,
)


# 6 申报材料: files of a kind, each checked before any is kept.


def _save_files(request: AuthedRequest, application: Application, form: wf.AttachmentForm) -> str | None:
    try:
        for upload in form.cleaned_data["documents"]:
            do_add_attachment(application, upload, kind=form.cleaned_data["kind"], actor=request.user)
    except ValidationError as refused:
        add_errors(form, refused, rename=lambda name: "documents" if name == "file" else name)
        return None
    return _("已上传 %(n)d 个文件") % {"n": len(form.cleaned_data["documents"])}


def _files_context(application: Application, form: wf.AttachmentForm) -> dict[str, Any]:
    current = application.current_files().select_related("uploaded_by")
    files: dict[str, list[Any]] = {}
    for attachment in current:
        attachment.type_label = ALLOWED_TYPES.get(attachment.content_type, attachment.content_type)  # type: ignore[attr-defined]
        files.setdefault(attachment.kind, []).append(attachment)
    kinds = [
        {
            "kind": kind.value,
            "label": kind.label,
            "required": kind.value in REQUIRED_ATTACHMENTS,
            "files": files.get(kind.value, []),
        }
        for kind in wf.ENTERPRISE_KINDS
    ]
    # Files of kinds the enterprise no longer picks (a commitment letter, say) are still listed.
    kinds.extend(
        {"kind": kind, "label": items[0].get_kind_display(), "required": False, "files": items}
        for kind, items in files.items()
        if kind not in {k.value for k in wf.ENTERPRISE_KINDS}
    )
    return {"form": form, "kinds": kinds, "max_mb": application.call.max_attachment_mb}


ATTACHMENTS = Editor(
    form=lambda request, application, readonly: wf.AttachmentForm(
        posted(request), request.FILES or None, max_mb=application.call.max_attachment_mb
    ),
    save=_save_files,
    context=_files_context,
)


# 7 承诺书 (第十二条): accepted by a named person at a recorded time.


def _commitment_form(request: AuthedRequest, application: Application, readonly: bool) -> wf.CommitmentForm:
    form = wf.CommitmentForm(posted(request))
    if readonly:
        form.disable()
    return form


def _accept(request: AuthedRequest, application: Application, form: wf.CommitmentForm) -> str:
    do_accept_commitment(application, actor=request.user)
    return _("已确认承诺书")


def _commitment_context(application: Application, form: wf.CommitmentForm) -> dict[str, Any]:
    accepted_by = application.commitment_accepted_by if application.commitment_accepted_at else None
    return {"form": form, "accepted_by": accepted_by}


COMMITMENT = Editor(form=_commitment_form, save=_accept, context=_commitment_context)


def _editing_view(slug: str, editor: Editor) -> Callable[..., HttpResponse]:
    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: AuthedRequest, pk: int) -> HttpResponse:
        return _edit(request, pk, slug, editor)

    view.__name__ = view.__qualname__ = slug
    view.__doc__ = f"The application form's page “{slug}”: see ``Editor``."
    return view


enterprise = _editing_view("enterprise", ENTERPRISE)
project = _editing_view("project", PROJECT)
investments = _editing_view("investments", INVESTMENTS)
workshops = _editing_view("workshops", WORKSHOPS)
avoided = _editing_view("avoided", AVOIDED)
scenarios = _editing_view("scenarios", SCENARIOS)
maturity = _editing_view("maturity", MATURITY)
attachments = _editing_view("attachments", ATTACHMENTS)
commitment = _editing_view("commitment", COMMITMENT)


# ---------------------------------------------------------------- 3 投资明细: the sheet


@login_required
@require_POST
def investments_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    """Replace every investment item with the rows of an uploaded sheet, or none if any row is bad."""
    application = _load(request, pk, "investments")
    _editing(request, application)
    upload = wf.InvestmentUploadForm(request.POST, request.FILES)
    sheet_errors: list[str] = []
    if upload.is_valid():
        try:
            items = parse_investments(upload.cleaned_data["sheet"])
        except SheetErrors as refused:
            sheet_errors = refused.messages
        else:
            do_replace_investments(application, items, actor=request.user)
            messages.success(request, _("已导入 %(n)d 条投资明细") % {"n": len(items)})
            return redirect("apply:investments", pk=application.pk)
    formset = INVESTMENTS.form(None, application, not application.is_editable)
    context = _investments_context(application, formset, upload=upload, sheet_errors=sheet_errors)
    return _page(request, application, "investments", context, status=400)


@login_required
@require_GET
def investments_template(request: AuthedRequest, pk: int) -> HttpResponse:
    """The Excel template, with the items already entered (so it round-trips)."""
    application = _load(request, pk, "investments")
    items = application.investments.values(*wf.INVESTMENT_FIELDS)
    years = application.call.get_policy().investment_window_years
    response = HttpResponse(investment_template(items, window_years=years), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"投资明细-{application.reference}.xlsx") or ""
    return response


@login_required
@require_POST
def attachment_remove(request: AuthedRequest, pk: int, attachment_id: int) -> HttpResponse:
    """Take a file out of the working copy; submissions that carried it still show it."""
    application = _load(request, pk, "attachments")
    attachment = get_object_or_404(application.current_files(), pk=attachment_id)
    do_remove_attachment(application, attachment, actor=request.user)
    messages.success(request, _("已移除“%(name)s”；此前提交的版本中仍保留该文件") % {"name": attachment.original_name})
    return redirect("apply:attachments", pk=application.pk)


# ---------------------------------------------------------------- 8 确认提交


@login_required
@require_GET
def confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    application = _load(request, pk, "confirm")
    return _confirm_page(request, application)


def _confirm_page(request: AuthedRequest, application: Application, *, status: int = 200) -> HttpResponse:
    verdict = step_verdict(application)
    steps = steps_context(request.user, application)
    for entry in steps:
        entry["form"] = ui_for(entry["step"].action).form(step=entry["step"], application=application)
    context = {
        "submit": can_take(request.user, application, "submit"),
        "missing": missing_for_submission(application) if application.is_editable else [],
        "summary": investment_summary(list(application.investments.all()), verdict),
        "verdict": verdict,
        "workshops": application.workshops.all(),
        "scenarios": application.scenarios.all(),
        "attachments": application.current_files(),
        "contacts": application.enterprise.contacts.all(),
        "region": f"{full_name(application.project_division)}（{application.project_division}）"
        if application.project_division
        else "",
        # The other steps of the workflow open to the enterprise now (withdrawing, once submitted).
        "steps": [entry for entry in steps if entry["step"].action != "submit"],
    }
    return _page(request, application, "confirm", context, status=status)


@login_required
@require_POST
def submit(request: AuthedRequest, pk: int) -> HttpResponse:
    """第八条: submit to the local bureau; refused with the reason when incomplete or out of time."""
    application = _load(request, pk, "confirm")
    try:
        do_submit_application(application, actor=request.user)
    except PermissionDenied as refused:
        messages.error(request, str(refused) or _("当前不能提交"))
        return _confirm_page(request, application, status=403)
    except Conflict as conflict:
        messages.error(request, str(conflict))
        return redirect("apply:confirm", pk=application.pk)
    messages.success(
        request,
        _("已提交至%(bureau)s（第%(n)d次提交）")
        % {"bureau": application.jurisdiction.name, "n": application.submission_count},
    )
    return redirect("applications:detail", pk=application.pk)


# ---------------------------------------------------------------- submissions


@login_required
@require_GET
def submission(request: AuthedRequest, pk: int, number: int) -> HttpResponse:
    """One submission as it was made: its content, its files with their hashes, the verdict of its day.

    Whoever may read the application may read its submissions.
    """
    application = get_application_for_user(request.user, pk)
    submissions = list(application.submissions.select_related("submitted_by").order_by("number"))
    chosen = next((s for s in submissions if s.number == number), None)
    if chosen is None:
        raise Http404
    later = next((s for s in submissions if s.number > number), None)
    events = application.events.filter(at__gte=chosen.submitted_at).select_related("actor")
    if later is not None:
        events = events.filter(at__lt=later.submitted_at)
    context = {
        "application": application,
        "submission": chosen,
        "submissions": submissions,
        "view": submission_view(chosen),
        "events": events,
        "expert_names": bool(can_see_expert_names(request.user)),
    }
    return render(request, "wizard/submission.html", context)
