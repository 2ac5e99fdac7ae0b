"""The public's objection to an entry of a public notice (第十条): the form, check your answers, the receipt,
and the private page where the objector reads the outcome. No login.

The path: the form (``file``) → the answers kept on a draft, reached by a
token in the address (``check``) → confirmed, the objection is filed → the
receipt (``receipt``), with the private link (``status``) the objector keeps.

What the server holds to, whatever a page showed (docs/objections.md):

- the notice is open, to the minute (``PublicNotice.is_open_at``), and the
  entry still on its list: otherwise the page says so (409 to a POST);
- a challenge answered right, once, before anything is stored;
- rate limits per address and per phone number (429, saying when to try
  again; the draft and its files are kept);
- the answers checked by one rule (``notices.answers``), on the form and again
  when filing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from smartmfg.access import (
    can_file_objection,
    get_notice_entry_for_user,
    get_objection_draft,
    get_objection_for_token,
)
from smartmfg.applications.models import Application
from smartmfg.lib.forms import add_errors
from smartmfg.notices import abuse
from smartmfg.notices.actions import do_file_objection, do_save_draft
from smartmfg.notices.answers import answers_of, check_answers, max_file_mb
from smartmfg.notices.models import ObjectionDraft, PublicNotice
from smartmfg.notices.objection_forms import PublicObjectionForm
from smartmfg.rules.divisions import full_name

FORM = "public/objections/form.html"
CHECK = "public/objections/check.html"


def _address(request: HttpRequest) -> str:
    """The visitor's network address: ``REMOTE_ADDR`` (behind a proxy, the server must set it to the client's)."""
    return str(request.META.get("REMOTE_ADDR", ""))


def _entry_context(notice: PublicNotice, application: Application) -> dict[str, Any]:
    """What the public reads of the entry: the notice's own columns (domain.md §8), nothing else."""
    return {
        "notice": notice,
        "entry": {
            "enterprise": application.enterprise.name,
            "project": application.project_name,
            "tier": application.get_tier_display(),
            "region": full_name(application.project_division) if application.project_division else "",
        },
        "notice_id": notice.pk,
        "application_id": application.pk,
    }


def _closed(request: HttpRequest, notice: PublicNotice, application: Application, reason: str) -> HttpResponse:
    """The form refuses: the period is over (or the entry left the list). 200 to a look, 409 to a POST."""
    context = {**_entry_context(notice, application), "reason": reason}
    return render(request, "public/objections/closed.html", context, status=409 if request.method == "POST" else 200)


def _form_page(
    request: HttpRequest,
    notice: PublicNotice,
    application: Application,
    form: PublicObjectionForm,
    *,
    draft: ObjectionDraft | None,
    token: str,
    challenge: abuse.Challenge | None,
    status: int = 200,
    refusal: str = "",
) -> HttpResponse:
    context = {
        **_entry_context(notice, application),
        "form": form,
        "draft_token": token,
        "kept_files": list(draft.files.filter(objection__isnull=True)) if draft else [],
        "challenge": challenge,
        "refusal": refusal,
    }
    return render(request, FORM, context, status=status)


def _new_form(
    data: Any,
    files: Any,
    application: Application,
    draft: ObjectionDraft | None,
    *,
    removing: list[int] | None = None,
    **kwargs: Any,
) -> PublicObjectionForm:
    """The form, knowing how many files the draft keeps (those being removed aside)."""
    kept = draft.files.filter(objection__isnull=True).exclude(pk__in=removing or []).count() if draft else 0
    return PublicObjectionForm(data, files, max_mb=max_file_mb(application.call), kept=kept, **kwargs)


@never_cache
@require_http_methods(["GET", "POST"])
def file(request: HttpRequest, notice: int, application: int) -> HttpResponse:
    """第十条: the form of an objection to one entry of a notice, for anyone, while the notice is open."""
    the_notice, entry = get_notice_entry_for_user(request.user, notice, application)
    decision = can_file_objection(the_notice, entry)
    if not decision:
        return _closed(request, the_notice, entry, str(decision.reason))
    token = str((request.POST if request.method == "POST" else request.GET).get("draft", ""))
    draft = get_objection_draft(the_notice, entry, token) if token else None
    if draft is not None and draft.filed_id is not None:
        return _already_filed(request, the_notice, entry)
    if request.method == "POST":
        return _post(request, the_notice, entry, draft, token)
    if draft is None:
        challenge = abuse.new_challenge()
        form = _new_form(None, None, entry, None, question=challenge.question)
        return _form_page(request, the_notice, entry, form, draft=None, token="", challenge=challenge)
    # Back from the check page (or a form left half done): the answers as kept, with what is still wrong.
    form = _new_form(draft.answers, None, entry, draft)
    form.is_valid()
    return _form_page(request, the_notice, entry, form, draft=draft, token=token, challenge=None)


def _post(
    request: HttpRequest, notice: PublicNotice, application: Application, draft: ObjectionDraft | None, token: str
) -> HttpResponse:
    address = _address(request)
    if draft is None:
        refused = _challenge_refused(request, notice, application, address)
        if refused is not None:
            return refused
    removals = [int(v) for v in request.POST.getlist("remove") if v.isdigit()]
    form = _new_form(request.POST, request.FILES, application, draft, removing=removals)
    valid = form.is_valid()
    try:
        draft, new_token = do_save_draft(
            notice, application, answers_of(request.POST), uploads=form.accepted_uploads, remove=removals, draft=draft
        )
    except ValidationError as error:
        decision = can_file_objection(notice, application)
        if not decision:
            return _closed(request, notice, application, str(decision.reason))
        if draft is None:  # nothing was kept: the form starts again, with a new challenge
            return _with_new_challenge(request, notice, application, error)
        add_errors(form, error)
        return _form_page(request, notice, application, form, draft=draft, token=token, challenge=None, status=400)
    token = new_token or token
    refusal = _limit_reached(address, form.cleaned_data.get("phone", "") if valid else "")
    if valid and not refusal:
        return redirect("objections:check", notice=notice.pk, application=application.pk, draft=token)
    status = 429 if refusal else 400
    return _form_page(
        request, notice, application, form, draft=draft, token=token, challenge=None, status=status, refusal=refusal
    )


def _challenge_refused(
    request: HttpRequest, notice: PublicNotice, application: Application, address: str
) -> HttpResponse | None:
    """The challenge, before anything is stored: None when answered right, else the form again with a new one."""
    failures, drafts = abuse.failures_per_address(), abuse.drafts_per_address()
    refusal = ""
    if failures.reached(address):
        refusal = abuse.address_refusal(failures, kept=False)
    elif drafts.reached(address):
        refusal = abuse.address_refusal(drafts, kept=False)
    if not refusal:
        try:
            abuse.check_challenge(str(request.POST.get("challenge", "")), str(request.POST.get("challenge_answer", "")))
        except abuse.ChallengeFailed as failed:
            failures.take(address)
            message = str(failed)
        else:
            drafts.take(address)
            return None
    if refusal:
        return _with_new_challenge(request, notice, application, None, status=429, refusal=refusal)
    errors = {"challenge_answer": [message]}
    if request.FILES:
        errors["evidence"] = [_("验证题未通过，所选文件没有保存，请重新选择")]
    return _with_new_challenge(request, notice, application, ValidationError(errors))


def _with_new_challenge(
    request: HttpRequest,
    notice: PublicNotice,
    application: Application,
    error: ValidationError | None,
    *,
    status: int = 400,
    refusal: str = "",
) -> HttpResponse:
    """The form again as typed, nothing stored, a new challenge to answer (the last one is spent)."""
    challenge = abuse.new_challenge()
    data = request.POST.copy()
    data["challenge_answer"] = ""
    form = _new_form(data, None, application, None, question=challenge.question)
    form.is_valid()
    if error is not None:
        add_errors(form, error)
    return _form_page(
        request, notice, application, form, draft=None, token="", challenge=challenge, status=status, refusal=refusal
    )


def _limit_reached(address: str, phone: str) -> str:
    """A rate limit this filing would exceed, in words (counted only when filing)."""
    per_address, per_phone = abuse.per_address(), abuse.per_phone()
    if per_address.reached(address):
        return abuse.address_refusal(per_address)
    if phone and per_phone.reached(phone):
        return abuse.phone_refusal(per_phone)
    return ""


def _already_filed(request: HttpRequest, notice: PublicNotice, application: Application) -> HttpResponse:
    return render(
        request,
        "public/objections/filed.html",
        _entry_context(notice, application),
        status=409 if request.method == "POST" else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, notice: int, application: int, draft: str) -> HttpResponse:
    """第十条: check your answers, then confirm: the objection is filed and the receipt shown."""
    the_notice, entry = get_notice_entry_for_user(request.user, notice, application)
    held = get_objection_draft(the_notice, entry, draft)
    if held.filed_id is not None:
        return _already_filed(request, the_notice, entry)
    decision = can_file_objection(the_notice, entry)
    if not decision:
        return _closed(request, the_notice, entry, str(decision.reason))
    edit = f"{reverse('objections:file', kwargs={'notice': notice, 'application': application})}?draft={draft}"
    try:
        answers = check_answers(held.answers)
    except ValidationError:
        return redirect(edit)  # the form names what is missing
    context = {**_entry_context(the_notice, entry), "answers": answers, "files": list(held.files.all()), "edit": edit}
    if request.method != "POST":
        return render(request, CHECK, context)
    address, phone = _address(request), answers["phone"]
    per_address, per_phone = abuse.per_address(), abuse.per_phone()
    if not per_address.take(address):
        return render(request, CHECK, {**context, "refusal": abuse.address_refusal(per_address)}, status=429)
    if not per_phone.take(phone):
        per_address.give_back(address)
        return render(request, CHECK, {**context, "refusal": abuse.phone_refusal(per_phone)}, status=429)
    try:
        _objection, token = do_file_objection(held)
    except ValidationError as error:
        per_address.give_back(address)
        per_phone.give_back(phone)
        decision = can_file_objection(the_notice, entry)
        if not decision:
            return _closed(request, the_notice, entry, str(decision.reason))
        return render(request, CHECK, {**context, "refusal": " ".join(error.messages)}, status=409)
    return redirect("objections:receipt", token=token)


@never_cache
@require_GET
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    """The receipt: its number, and the private link to keep (the token is shown nowhere else but the email)."""
    objection = get_objection_for_token(token)
    link = request.build_absolute_uri(reverse("objections:status", kwargs={"token": token}))
    return render(request, "public/objections/receipt.html", {"objection": objection, "link": link})


@never_cache
@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    """The objector's private page: the objection as filed, whether it was decided, and the Department's reply."""
    objection = get_objection_for_token(token)
    return render(
        request,
        "public/objections/status.html",
        {"objection": objection, **_entry_context(objection.notice, objection.application)},
    )
