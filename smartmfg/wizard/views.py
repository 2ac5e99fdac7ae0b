"""The application form, step by step, for the applying enterprise (第八条).

Each step is a plain form: GET shows it, POST validates and saves it as a
draft through one action, then redirects to the same step ("保存") or the
next one ("保存并继续"). Bad input re-renders the step with its errors
(status 400) and changes nothing. Once submitted the same pages show the
application read-only and the server refuses edits (``can_edit_application``).

Every view starts with ``require(can_apply(...))`` (403 for the other
roles) and ``get_application_for_user`` (404 for another enterprise's).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from django import forms
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
from smartmfg.eligibility.spreadsheets import XLSX, SheetErrors, investment_template, parse_investments
from smartmfg.enterprises.actions import do_replace_contacts, do_update_enterprise_profile
from smartmfg.enterprises.forms import EnterpriseProfileForm
from smartmfg.rules import facts
from smartmfg.rules.divisions import full_name
from smartmfg.rules.engine import Verdict
from smartmfg.wizard import forms as wf
from smartmfg.wizard.actions import (
    do_accept_commitment,
    do_add_attachment,
    do_create_application,
    do_remove_attachment,
    do_replace_investments,
    do_replace_scenarios,
    do_replace_workshops,
    do_update_application,
)
from smartmfg.wizard.pages import STEP_BY_SLUG, neighbours, progress
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

INVESTMENT_FIELDS = ("occurred_on", "category", "amount", "status", "invoice_no", "description")
WORKSHOP_FIELDS = ("name", "description")
SCENARIO_FIELDS = ("area", "title", "description")
CONTACT_FIELDS = ("name", "title", "phone", "email", "is_primary")


# ---------------------------------------------------------------- helpers


def _load(request: AuthedRequest, pk: int, slug: str) -> Application:
    """The user's own application, for a step its tier has (404 otherwise)."""
    require(can_apply(request.user))
    application = get_application_for_user(request.user, pk)
    if not STEP_BY_SLUG[slug].applies_to(application.tier):
        raise Http404
    return application


def _posted(request: AuthedRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _page(
    request: AuthedRequest,
    application: Application,
    slug: str,
    context: dict[str, Any],
    *,
    verdict: Verdict | None = None,
    status: int = 200,
) -> HttpResponse:
    """One step of the form: the progress bar, the step, and the live verdict beside it."""
    before, after = neighbours(application.tier, slug)
    page = {
        "application": application,
        "step": STEP_BY_SLUG[slug],
        "progress": progress(application, slug),
        "previous_url": reverse(before.url_name, kwargs={"pk": application.pk}) if before else None,
        "previous_label": before.label if before else "",
        "next_url": reverse(after.url_name, kwargs={"pk": application.pk}) if after else None,
        "next_label": after.label if after else "",
        "editable": can_edit_application(request.user, application),
        "returned": latest_return(application),
        **verdict_context(application, verdict or step_verdict(application)),
        **context,
    }
    return render(request, f"applications/wizard/{slug}.html", page, status=status)


def _saved(request: AuthedRequest, application: Application, slug: str, message: str | None = None) -> HttpResponse:
    """After a save: the same step ("保存") or the next one ("保存并继续")."""
    messages.success(request, message or _("已保存"))
    target = slug
    if request.POST.get("go") == "next":
        _before, after = neighbours(application.tier, slug)
        target = after.slug if after else slug
    return redirect(f"apply:{target}", pk=application.pk)


def _disable(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        field.disabled = True


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


# ---------------------------------------------------------------- 1 企业信息


@login_required
@require_http_methods(["GET", "POST"])
def enterprise(request: AuthedRequest, pk: int) -> HttpResponse:
    application = _load(request, pk, "enterprise")
    company = application.enterprise
    editable = _editing(request, application)
    if request.method == "POST":
        require(can_edit_enterprise(request.user, company))
    profile_form, contacts = profile_forms(request, company, readonly=not editable)
    if request.method == "POST" and profile_valid(profile_form, contacts):
        save_profile(request, company, profile_form, contacts)
        return _saved(request, application, "enterprise")
    status = 400 if request.method == "POST" else 200
    return _page(request, application, "enterprise", {"form": profile_form, "contacts": contacts}, status=status)


def profile_forms(request: AuthedRequest, company: Any, *, readonly: bool) -> tuple[Any, wf.RowFormSet]:
    """The enterprise's profile form and its contacts formset (also used by the profile page)."""
    data = _posted(request)
    # The form writes onto its instance while validating: give it a copy, the page shows the stored one.
    profile_form = EnterpriseProfileForm(data, instance=copy.copy(company))
    # A post without the contacts table (an older form) leaves the contacts as they are.
    with_contacts = data is not None and "contacts-TOTAL_FORMS" in data
    contacts = wf.ContactFormSet(
        data if with_contacts else None,
        initial=wf.rows_initial(company.contacts.all(), CONTACT_FIELDS),
        prefix="contacts",
        readonly=readonly,
    )
    if readonly:
        _disable(profile_form)
    return profile_form, contacts


def profile_valid(profile_form: Any, contacts: wf.RowFormSet) -> bool:
    """Both are validated before either is saved, so bad input changes nothing."""
    return bool(profile_form.is_valid()) and (not contacts.is_bound or contacts.is_valid())


def save_profile(request: AuthedRequest, company: Any, profile_form: Any, contacts: wf.RowFormSet) -> None:
    do_update_enterprise_profile(company, profile_form.cleaned_data, actor=request.user)
    if contacts.is_bound:
        do_replace_contacts(company, contacts.kept(), actor=request.user)


# ---------------------------------------------------------------- 2 项目情况, 5 成熟度自评估


def _fields_step(
    request: AuthedRequest,
    pk: int,
    slug: str,
    form_class: type[Any],
    extra: Callable[[Application], dict[str, Any]] | None = None,
) -> HttpResponse:
    application = _load(request, pk, slug)
    editable = _editing(request, application)
    # The form writes onto its instance while validating: give it a copy, the verdict reads the stored one.
    form = form_class(_posted(request), instance=copy.copy(application))
    if not editable:
        form.disable()
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form_class.Meta.fields}
        do_update_application(application, changes, actor=request.user)
        return _saved(request, application, slug)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, **(extra(application) if extra else {})}
    return _page(request, application, slug, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def project(request: AuthedRequest, pk: int) -> HttpResponse:
    return _fields_step(request, pk, "project", wf.ProjectForm)


def _maturity_range(application: Application) -> dict[str, Any]:
    """第五条至第七条第2款: the tier's range of maturity levels under the call's policy."""
    policy = application.call.get_policy()
    tier: Any = application.tier
    return {"min_level": policy.min_maturity_level[tier], "max_level": policy.max_maturity_level[tier]}


@login_required
@require_http_methods(["GET", "POST"])
def maturity(request: AuthedRequest, pk: int) -> HttpResponse:
    return _fields_step(request, pk, "maturity", wf.MaturityForm, _maturity_range)


# ---------------------------------------------------------------- 3 投资明细


@login_required
@require_http_methods(["GET", "POST"])
def investments(request: AuthedRequest, pk: int) -> HttpResponse:
    application = _load(request, pk, "investments")
    editable = _editing(request, application)
    formset = _investment_formset(request, application, readonly=not editable)
    if request.method == "POST":
        if formset.is_valid():
            do_replace_investments(application, formset.kept(), actor=request.user)
            return _saved(request, application, "investments")
        return _investments_page(request, application, formset=formset, status=400)
    return _investments_page(request, application, formset=formset)


def _investment_formset(request: AuthedRequest, application: Application, *, readonly: bool) -> wf.RowFormSet:
    return wf.InvestmentFormSet(
        _posted(request),
        initial=wf.rows_initial(application.investments.all(), INVESTMENT_FIELDS),
        prefix="inv",
        readonly=readonly,
    )


def _investments_page(
    request: AuthedRequest,
    application: Application,
    *,
    formset: wf.RowFormSet | None = None,
    upload: wf.InvestmentUploadForm | None = None,
    sheet_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    verdict = step_verdict(application)
    items = list(application.investments.all())
    context = {
        "formset": formset or _investment_formset(request, application, readonly=not application.is_editable),
        "upload": upload or wf.InvestmentUploadForm(),
        "sheet_errors": sheet_errors or [],
        "summary": investment_summary(items, verdict),
    }
    return _page(request, application, "investments", context, verdict=verdict, status=status)


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
    return _investments_page(request, application, upload=upload, sheet_errors=sheet_errors, status=400)


@login_required
@require_GET
def investments_template(request: AuthedRequest, pk: int) -> HttpResponse:
    """The Excel template, with the items already entered (so it round-trips)."""
    application = _load(request, pk, "investments")
    items = application.investments.values(*INVESTMENT_FIELDS)
    years = application.call.get_policy().investment_window_years
    response = HttpResponse(investment_template(items, window_years=years), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"投资明细-{application.reference}.xlsx") or ""
    return response


# ---------------------------------------------------------------- 4 车间 / 场景


RowsAction = Callable[..., int]


def _rows_step(
    request: AuthedRequest,
    pk: int,
    slug: str,
    formset_class: type[wf.RowFormSet],
    fields: tuple[str, ...],
    action: RowsAction,
) -> HttpResponse:
    application = _load(request, pk, slug)
    editable = _editing(request, application)
    stored = getattr(application, slug).all()
    formset = formset_class(
        _posted(request), initial=wf.rows_initial(stored, fields), prefix=slug, readonly=not editable
    )
    if request.method == "POST" and formset.is_valid():
        action(application, formset.kept(), actor=request.user)
        return _saved(request, application, slug)
    policy = application.call.get_policy()
    context = {"formset": formset, "min_workshops": policy.min_workshops, "min_scenarios": policy.min_scenarios}
    return _page(request, application, slug, context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def workshops(request: AuthedRequest, pk: int) -> HttpResponse:
    """第六条第3款: the digital workshops a smart factory manages."""
    return _rows_step(request, pk, "workshops", wf.WorkshopFormSet, WORKSHOP_FIELDS, do_replace_workshops)


@login_required
@require_http_methods(["GET", "POST"])
def scenarios(request: AuthedRequest, pk: int) -> HttpResponse:
    """第七条第3款: the typical scenarios of a future factory."""
    return _rows_step(request, pk, "scenarios", wf.ScenarioFormSet, SCENARIO_FIELDS, do_replace_scenarios)


# ---------------------------------------------------------------- 6 申报材料


@login_required
@require_http_methods(["GET", "POST"])
def attachments(request: AuthedRequest, pk: int) -> HttpResponse:
    application = _load(request, pk, "attachments")
    _editing(request, application)
    form = wf.AttachmentForm(_posted(request), request.FILES or None, max_mb=application.call.max_attachment_mb)
    if request.method == "POST":
        if form.is_valid():
            try:
                for upload in form.cleaned_data["documents"]:
                    do_add_attachment(application, upload, kind=form.cleaned_data["kind"], actor=request.user)
            except ValidationError as refused:
                form.add_error("documents", refused.message_dict.get("file", refused.messages))
            else:
                count = len(form.cleaned_data["documents"])
                return _saved(request, application, "attachments", _("已上传 %(n)d 个文件") % {"n": count})
        return _attachments_page(request, application, form, status=400)
    return _attachments_page(request, application, form)


def _attachments_page(
    request: AuthedRequest, application: Application, form: wf.AttachmentForm, *, status: int = 200
) -> HttpResponse:
    current = application.attachments.filter(removed_at__isnull=True, event__isnull=True).select_related("uploaded_by")
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
    context = {"form": form, "kinds": kinds, "max_mb": application.call.max_attachment_mb}
    return _page(request, application, "attachments", context, status=status)


@login_required
@require_POST
def attachment_remove(request: AuthedRequest, pk: int, attachment_id: int) -> HttpResponse:
    """Take a file out of the working copy; submissions that carried it still show it."""
    application = _load(request, pk, "attachments")
    attachment = get_object_or_404(
        application.attachments.all(), pk=attachment_id, event__isnull=True, removed_at__isnull=True
    )
    do_remove_attachment(application, attachment, actor=request.user)
    messages.success(request, _("已移除“%(name)s”；此前提交的版本中仍保留该文件") % {"name": attachment.original_name})
    return redirect("apply:attachments", pk=application.pk)


# ---------------------------------------------------------------- 7 承诺书


@login_required
@require_http_methods(["GET", "POST"])
def commitment(request: AuthedRequest, pk: int) -> HttpResponse:
    """第十二条: the commitment letter, accepted by a named person at a recorded time."""
    application = _load(request, pk, "commitment")
    editable = _editing(request, application)
    form = wf.CommitmentForm(_posted(request))
    if not editable:
        _disable(form)
    if request.method == "POST":
        if form.is_valid():
            do_accept_commitment(application, actor=request.user)
            return _saved(request, application, "commitment", _("已确认承诺书"))
        return _page(request, application, "commitment", {"form": form}, status=400)
    accepted_by = application.commitment_accepted_by if application.commitment_accepted_at else None
    return _page(request, application, "commitment", {"form": form, "accepted_by": accepted_by})


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
        "workshops": application.workshops.all(),
        "scenarios": application.scenarios.all(),
        "attachments": application.attachments.filter(removed_at__isnull=True, event__isnull=True),
        "contacts": application.enterprise.contacts.all(),
        "region": f"{full_name(application.project_division)}（{application.project_division}）"
        if application.project_division
        else "",
        # The other steps of the workflow open to the enterprise now (withdrawing, once submitted).
        "steps": [entry for entry in steps if entry["step"].action != "submit"],
    }
    return _page(request, application, "confirm", context, verdict=verdict, status=status)


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
    }
    return render(request, "applications/wizard/submission.html", context)
