"""The local bureaus' workspace: the queue, judgements, recommendation letters."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartmfg.access import (
    can_change_letter,
    can_draft_letter,
    can_record_judgement,
    can_review,
    can_see_enterprises,
    get_application_for_user,
    get_call_for_user,
    get_letter_for_user,
    require,
)
from smartmfg.accounts.http import AuthedRequest
from smartmfg.eligibility.gates import held_back
from smartmfg.lib.choices import label_of
from smartmfg.lib.forms import add_errors
from smartmfg.lib.tables import table_page
from smartmfg.reviews import letters as letter_text
from smartmfg.reviews.actions import (
    LetterDraft,
    do_cancel_letter,
    do_draft_letter,
    do_record_judgement,
    do_send_letter,
    do_update_letter,
)
from smartmfg.reviews.documents import ATTACHMENT_TITLE
from smartmfg.reviews.forms import CancelLetterForm, JudgementForm, LetterForm, SendLetterForm
from smartmfg.reviews.models import RecommendationLetter
from smartmfg.reviews.queue import (
    BureauQueueFilter,
    BureauQueueTable,
    queue_counts,
    queue_queryset,
    review_deadlines,
)
from smartmfg.reviews.tables import LetterFilter, LetterTable, letters_queryset
from smartmfg.rules.checks import RULE_LABELS
from smartmfg.rules.requirements import INITIAL_REVIEW
from smartmfg.workflow.transition import Conflict

# ---------------------------------------------------------------------- queue


@login_required
@require_GET
def bureau_home(request: AuthedRequest) -> HttpResponse:
    """The bureau's queue: 待初审 held by it first; every status of its jurisdiction on demand."""
    require(can_review(request.user))
    return table_page(
        request,
        queryset=queue_queryset(request.user),
        table_class=BureauQueueTable,
        filterset_class=BureauQueueFilter,
        template="reviews/bureau_home.html",
        export_name="applications",
        context={
            "jurisdiction": request.user.jurisdiction,
            "deadlines": review_deadlines(request.user),
            **queue_counts(request.user),
        },
    )


# ----------------------------------------------------------------- judgements


@login_required
@require_http_methods(["GET", "POST"])
def judgement(request: AuthedRequest, pk: int, rule: str) -> HttpResponse:
    """Record a judgement of a manual rule (第四条: operations and finances; 第五条至第七条第3款: technical merit)."""
    application = get_application_for_user(request.user, pk)
    require(can_record_judgement(request.user, application, rule))
    form = JudgementForm(request.POST or None, auto_id=f"id_{rule}_%s")
    if request.method == "POST" and form.is_valid():
        try:
            do_record_judgement(
                application, rule, form.cleaned_data["result"], form.cleaned_data["note"], actor=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已录入判断：%(rule)s") % {"rule": label_of(RULE_LABELS, rule)})
            return redirect("applications:detail", pk=application.pk)
    context = {
        "application": application,
        "rule": rule,
        "rule_label": label_of(RULE_LABELS, rule),
        "form": form,
        "history": application.judgements.filter(rule=rule).select_related("judged_by").order_by("-judged_at", "-id"),
    }
    return render(request, "reviews/judgement.html", context, status=400 if request.method == "POST" else 200)


# -------------------------------------------------------------------- letters


@login_required
@require_GET
def letter_list(request: AuthedRequest) -> HttpResponse:
    """Letters sent and received: the bureaus' own and those addressed to them; the Department's all sent."""
    require(can_see_enterprises(request.user))
    return table_page(
        request,
        queryset=letters_queryset(request.user),
        table_class=LetterTable,
        filterset_class=LetterFilter,
        template="reviews/letter_list.html",
        export_name="letters",
        context={
            "can_draft": can_draft_letter(request.user),
            "calls": letter_text.calls_with_candidates(request.user) if can_draft_letter(request.user) else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def letter_new(request: AuthedRequest) -> HttpResponse:
    """Draft a letter from the passed applications of one call held by the bureau (第八条)."""
    require(can_review(request.user))
    require(can_draft_letter(request.user))
    call_id = request.POST.get("call") or request.GET.get("call")
    calls = letter_text.calls_with_candidates(request.user)
    if not call_id:
        if len(calls) == 1:
            return redirect(f"{request.path}?call={calls[0][0].pk}")
        return render(request, "reviews/letter_choose_call.html", {"calls": calls})
    call = get_call_for_user(request.user, _int(call_id))
    candidates = letter_text.candidates(request.user, call)
    held = held_back(candidates, INITIAL_REVIEW)
    bureau = request.user.jurisdiction
    assert bureau is not None  # can_draft_letter
    recipient = bureau.recommendation_target()
    initial = {
        "applications": [a for a in candidates if not getattr(a, "in_other_draft", False) and a.pk not in held],
        "title": letter_text.default_title(call),
        "body": letter_text.default_body(call, bureau, recipient, request.user),
    }
    form = LetterForm(request.POST or None, initial=initial, candidates=candidates, held=held)
    if request.method == "POST" and form.is_valid():
        try:
            letter = do_draft_letter(call, _draft(form), actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("推荐函已拟稿，请核对后报送"))
            return redirect("reviews:letter_detail", pk=letter.pk)
    context = {"form": form, "call": call, "recipient": recipient, "letter": None}
    return render(request, "reviews/letter_form.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def letter_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    letter = get_letter_for_user(request.user, pk)
    require(can_change_letter(request.user, letter))
    candidates = letter_text.candidates(request.user, letter.call, letter=letter)
    initial = {"applications": list(letter.applications.all()), "title": letter.title, "body": letter.body}
    form = LetterForm(
        request.POST or None, initial=initial, candidates=candidates, held=held_back(candidates, INITIAL_REVIEW)
    )
    if request.method == "POST" and form.is_valid():
        try:
            do_update_letter(letter, _draft(form), actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("推荐函已保存"))
            return redirect("reviews:letter_detail", pk=letter.pk)
    context = {"form": form, "call": letter.call, "recipient": letter.sender.recommendation_target(), "letter": letter}
    return render(request, "reviews/letter_form.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_GET
def letter_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    letter = get_letter_for_user(request.user, pk)
    return _letter_page(request, letter)


def _letter_page(
    request: AuthedRequest,
    letter: RecommendationLetter,
    *,
    cancel_form: CancelLetterForm | None = None,
    status: int = 200,
) -> HttpResponse:
    applications = list(
        letter.applications.select_related("enterprise", "jurisdiction", "holder").order_by("reference")
    )
    context: dict[str, Any] = {
        "letter": letter,
        "content": letter_text.letter_content(letter, applications),
        "attachment_title": ATTACHMENT_TITLE,
        "applications": applications,
        "change": can_change_letter(request.user, letter),
        "send_form": SendLetterForm(initial={"revision": letter.revision}),
        "cancel_form": cancel_form or CancelLetterForm(),
        "events": letter.events.select_related("application", "actor").order_by("application__reference"),
    }
    return render(request, "reviews/letter_detail.html", context, status=status)


@login_required
@require_POST
def letter_send(request: AuthedRequest, pk: int) -> HttpResponse:
    """Send the draft: every listed application moves in one transaction, or none does."""
    letter = get_letter_for_user(request.user, pk)
    require(can_change_letter(request.user, letter))
    form = SendLetterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请刷新页面后再报送"))
        return redirect("reviews:letter_detail", pk=letter.pk)
    try:
        events = do_send_letter(letter, actor=request.user, revision=form.cleaned_data["revision"])
    except Conflict as conflict:
        messages.error(request, str(conflict))
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(
            request,
            _("推荐函 %(number)s 已报送%(recipient)s，共 %(n)s 项申报")
            % {"number": letter.document_number, "recipient": letter.recipient.name, "n": len(events)},
        )
    return redirect("reviews:letter_detail", pk=letter.pk)


@login_required
@require_POST
def letter_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    letter = get_letter_for_user(request.user, pk)
    require(can_change_letter(request.user, letter))
    form = CancelLetterForm(request.POST)
    if not form.is_valid():
        return _letter_page(request, letter, cancel_form=form, status=400)
    do_cancel_letter(letter, form.cleaned_data["reason"], actor=request.user)
    messages.success(request, _("推荐函 %(number)s 已作废") % {"number": letter.document_number})
    return redirect("reviews:letter_detail", pk=letter.pk)


DOCUMENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@login_required
@require_GET
def letter_document(request: AuthedRequest, pk: int, kind: str) -> FileResponse:
    """The letter's Word or PDF as sent; only to those who may read the letter (404 for anyone else)."""
    letter = get_letter_for_user(request.user, pk)
    if kind not in DOCUMENT_TYPES:
        raise Http404
    stored = letter.docx if kind == "docx" else letter.pdf
    if not letter.is_sent or not stored:
        raise Http404
    response = FileResponse(stored.open("rb"), as_attachment=True, filename=f"{letter.document_number}.{kind}")
    response["Content-Type"] = DOCUMENT_TYPES[kind]
    response["X-Content-Type-Options"] = "nosniff"
    return response


# -------------------------------------------------------------------- helpers


def _draft(form: LetterForm) -> LetterDraft:
    data = form.cleaned_data
    return LetterDraft(title=data["title"], body=data["body"], applications=list(data["applications"]))


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise Http404 from None
