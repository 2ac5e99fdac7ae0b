"""The expert's scoring pages (第九条): one application as submitted beside its sheet; the leader's panel.

A review opens only after the expert declared no conflict on the seat. It
shows the submission snapshot (never the live draft), its files and the
verdict it was judged on. Drafts save and come back; submitting locks the
scores after a check-your-answers step. The panel page is the leader's, and
shows the others' scores only once the leader's own are all submitted.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from smartmfg.access import (
    can_lead_panel,
    can_score,
    can_see_panel_scores,
    get_round_for_user,
    get_score_for_user,
    get_seat_for_user,
    require,
)
from smartmfg.accounts.http import AuthedRequest
from smartmfg.applications.models import Application
from smartmfg.lib.forms import add_errors, form_status, posted
from smartmfg.scoring import actions
from smartmfg.scoring.documents import score_pdf
from smartmfg.scoring.forms import ProposalForm, ScoreForm
from smartmfg.scoring.panels import panel_rows, scores_table
from smartmfg.wizard.presenters import submission_view


def _review_context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    seat = get_seat_for_user(request.user, pk)
    if seat.declared_at is None:
        raise _Redirect("experts:declare", pk=seat.pk)
    review = actions.review_of(seat)
    score = actions.score_of(seat)
    application = seat.application
    submission = application.submissions.order_by("-number").first()
    if submission is None:
        raise Http404
    sheet_row = score.sheet if score else (actions.sheet_for(application.call, application.tier) if review else None)
    return {
        "seat": seat,
        "review": review,
        "score": score,
        "application": application,
        "submission": submission,
        "view": submission_view(submission),
        "sheet": sheet_row.sheet if sheet_row else None,
        "due": review.due_for(seat.expert) if review else None,
        "decision": can_score(request.user, seat, review, score),
    }


class _Redirect(Exception):
    def __init__(self, name: str, **kwargs: Any) -> None:
        self.name, self.kwargs = name, kwargs


@login_required
@require_http_methods(["GET", "POST"])
def score(request: AuthedRequest, pk: int) -> HttpResponse:
    try:
        context = _review_context(request, pk)
    except _Redirect as go:
        return redirect(reverse(go.name, kwargs=go.kwargs))
    sheet = context["sheet"]
    form = ScoreForm(posted(request), sheet=sheet, score=context["score"]) if sheet else None
    if request.method == "POST":
        require(context["decision"])
        assert form is not None
        if form.is_valid():
            try:
                actions.do_save_score(context["seat"], **form.values(), actor=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                if "check" in request.POST:
                    return redirect("scoring:check", pk=pk)
                messages.success(request, _("草稿已保存，可以稍后继续"))
                return redirect("scoring:score", pk=pk)
    context["form"] = form
    status = form_status(request, form) if form else 200
    return render(request, "scoring/score.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def check(request: AuthedRequest, pk: int) -> HttpResponse:
    """Check your answers, then submit: the scores lock."""
    try:
        context = _review_context(request, pk)
    except _Redirect as go:
        return redirect(reverse(go.name, kwargs=go.kwargs))
    stored = context["score"]
    if stored is None:
        return redirect("scoring:score", pk=pk)
    if stored.is_submitted:
        return redirect("scoring:score", pk=pk)
    problems = actions.submission_problems(stored)
    if request.method == "POST":
        require(context["decision"])
        try:
            actions.do_submit_score(context["seat"], actor=request.user)
        except ValidationError as error:
            problems = {k: " ".join(str(m) for m in v) for k, v in error.message_dict.items()}
        else:
            messages.success(request, _("评分已提交并锁定，感谢您的评审"))
            return redirect("scoring:score", pk=pk)
    context.update({"problems": problems, "rows": _answers(stored)})
    status = 400 if request.method == "POST" else 200
    return render(request, "scoring/check.html", context, status=status)


def _answers(stored: Any) -> list[dict[str, Any]]:
    sheet = stored.sheet.sheet
    return [
        {
            "criterion": c,
            "points": stored.points.get(c.key, ""),
            "comment": stored.comments.get(c.key, ""),
        }
        for c in sheet.criteria
    ]


@login_required
@require_GET
def sheet_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The signed scoring sheet of one submitted score: the Department's, or the expert's own."""
    stored = get_score_for_user(request.user, pk)
    if not stored.is_submitted:
        raise Http404
    response = HttpResponse(score_pdf(stored), content_type="application/pdf")
    name = f"{stored.seat.application.reference}-{stored.seat.expert.code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def panel(request: AuthedRequest, pk: int) -> HttpResponse:
    """The leader's ranked list of the panel's applications, with aggregates, flags and opinions."""
    review = get_round_for_user(request.user, pk)
    if not review.leader or not can_lead_panel(request.user, review):
        raise PermissionDenied(_("只有专家组组长可以查看专家组汇总"))
    decision = can_see_panel_scores(request.user, review)
    rows = panel_rows(review) if decision else []
    return render(request, "scoring/panel.html", {"review": review, "rows": rows, "decision": decision})


@login_required
@require_http_methods(["GET", "POST"])
def propose(request: AuthedRequest, pk: int, application: int) -> HttpResponse:
    """The leader reads every expert's scores and opinion on one application and proposes the conclusion."""
    review = get_round_for_user(request.user, pk)
    require(can_lead_panel(request.user, review))
    require(can_see_panel_scores(request.user, review))
    target = _panel_application(review, application)
    form = ProposalForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_propose_conclusion(review, target, **form.values(), actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已提出专家组结论，待省工信厅确认"))
            return redirect("scoring:panel", pk=review.pk)
    context = {
        "review": review,
        "application": target,
        "table": scores_table(review, target),
        "standing": actions.standing_conclusion(review, target),
        "form": form,
    }
    return render(request, "scoring/propose.html", context, status=form_status(request, form))


def _panel_application(review: Any, pk: int) -> Application:
    found = actions.panel_applications(review).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
