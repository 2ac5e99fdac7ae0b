"""The Department's scoring pages (第九条): sheets, opening the review, who is late, the leader, the conclusion.

Every page starts with ``require(can_manage_scoring)``; each POST is one
action, and a refusal comes back on the page with its reason (400),
nothing changed.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartmfg.access import (
    can_confirm_conclusion,
    can_manage_scoring,
    get_call_for_user,
    get_conclusion_for_user,
    get_draw_for_user,
    get_round_for_user,
    require,
)
from smartmfg.accounts.http import AuthedRequest
from smartmfg.audit.models import AuditEntry
from smartmfg.experts.actions.assignment import serving_experts
from smartmfg.experts.models import Draw, DrawStatus, Expert, Seat, SeatStatus
from smartmfg.lib.forms import add_errors, form_status, posted
from smartmfg.rules.facts import TIERS
from smartmfg.scoring import actions
from smartmfg.scoring.documents import summary_pdf, summary_xlsx
from smartmfg.scoring.forms import (
    CriterionFormSet,
    ExtensionForm,
    LeaderForm,
    OpenReviewForm,
    ReplaceForm,
    VetoFormSet,
    sheet_content,
)
from smartmfg.scoring.models import ReviewRound, Score
from smartmfg.scoring.panels import panel_rows, scores_table
from smartmfg.workflow.transition import Conflict


@login_required
@require_GET
def call_reviews(request: AuthedRequest, call: int) -> HttpResponse:
    """The call's scoring: its sheets per tier, and each draw's review (open one once its seats are committed)."""
    require(can_manage_scoring(request.user))
    found = get_call_for_user(request.user, call)
    draws = list(Draw.objects.filter(call=found, status=DrawStatus.DRAWN).order_by("created_at"))
    rounds = {r.draw_id: r for r in ReviewRound.objects.filter(draw__in=draws)}
    seated = Counter(Seat.objects.filter(draw__in=draws, status=SeatStatus.ACTIVE).values_list("draw_id", flat=True))
    sheets = {s.tier: s for s in found.scoring_sheets.all()}
    context = {
        "call": found,
        "stage": "scoring",
        "items": [{"draw": d, "round": rounds.get(d.pk), "seats": seated[d.pk]} for d in draws],
        "sheets": [{"tier": t, "sheet": sheets.get(t)} for t in TIERS],
        "open_form": OpenReviewForm(),
    }
    return render(request, "scoring/call.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def sheet(request: AuthedRequest, call: int, tier: str) -> HttpResponse:
    require(can_manage_scoring(request.user))
    found = get_call_for_user(request.user, call)
    if tier not in TIERS:
        raise Http404
    stored = actions.sheet_for(found, tier)
    content = stored.content
    criteria = CriterionFormSet(posted(request), prefix="c", initial=content["criteria"])
    vetoes = VetoFormSet(posted(request), prefix="v", initial=content["vetoes"])
    errors: list[str] = []
    if request.method == "POST":
        try:
            if "reset" in request.POST:
                actions.do_reset_sheet(stored, actor=request.user)
                messages.success(request, _("已恢复为默认评分表"))
                return redirect("scoring:sheet", call=found.pk, tier=tier)
            if criteria.is_valid() and vetoes.is_valid():
                actions.do_update_sheet(stored, sheet_content(criteria, vetoes), actor=request.user)
                messages.success(request, _("评分表已保存"))
                return redirect("scoring:sheet", call=found.pk, tier=tier)
        except ValidationError as error:
            errors = [str(m) for m in error.messages]
    context = {
        "call": found,
        "stage": "scoring",
        "stored": stored,
        "sheet_view": stored.sheet,
        "criteria": criteria,
        "vetoes": vetoes,
        "errors": errors,
    }
    failed = request.method == "POST" and (errors or criteria.errors or vetoes.errors)
    return render(request, "scoring/sheet.html", context, status=400 if failed else 200)


@login_required
@require_POST
def open_review(request: AuthedRequest, pk: int) -> HttpResponse:
    require(can_manage_scoring(request.user))
    draw = get_draw_for_user(request.user, pk)
    form = OpenReviewForm(request.POST)
    if form.is_valid():
        try:
            review = actions.do_open_review(draw, due_at=form.cleaned_data["due_at"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("评分已启动，评分表已锁定，已通知评审专家"))
            return redirect("scoring:round", pk=review.pk)
    context = {"call": draw.call, "stage": "scoring", "draw": draw, "open_form": form}
    return render(request, "scoring/open_failed.html", context, status=400)


def _progress(review: ReviewRound) -> list[dict[str, Any]]:
    """Each seated expert: n of m scored, their deadline, late or not."""
    seats = review.draw.seats.filter(status=SeatStatus.ACTIVE).select_related("expert", "application")
    submitted = set(Score.objects.filter(round=review, submitted_at__isnull=False).values_list("seat_id", flat=True))
    dues = actions.dues_of(review)
    now = timezone.now()
    rows: dict[int, dict[str, Any]] = {}
    for seat in seats:
        row = rows.setdefault(
            seat.expert_id,
            {"expert": seat.expert, "seats": [], "done": 0, "due": dues.get(seat.expert_id, review.due_at)},
        )
        row["seats"].append({"seat": seat, "submitted": seat.pk in submitted})
        row["done"] += seat.pk in submitted
    for row in rows.values():
        row["total"] = len(row["seats"])
        row["late"] = row["done"] < row["total"] and now > row["due"]
    return sorted(rows.values(), key=lambda r: (not r["late"], r["expert"].code))


def _round_context(review: ReviewRound, **forms: Any) -> dict[str, Any]:
    experts = Expert.objects.filter(pk__in=[e.pk for e in serving_experts(review.draw)]).order_by("code")
    seated = Expert.objects.filter(seats__draw=review.draw, seats__status=SeatStatus.ACTIVE).distinct().order_by("code")
    return {
        "call": review.draw.call,
        "stage": "scoring",
        "review": review,
        "progress": _progress(review),
        "rows": panel_rows(review),
        "extension_form": forms.get("extension_form") or ExtensionForm(experts=seated),
        "leader_form": forms.get("leader_form") or LeaderForm(experts=experts, initial={"expert": review.leader_id}),
        "extensions": review.extensions.select_related("expert", "granted_by"),
        "history": AuditEntry.objects.filter(target_type="experts.draw", target_id=str(review.draw_id))
        .filter(at__gte=review.opened_at)
        .select_related("actor")
        .order_by("at", "id"),
        "now": timezone.now(),
    }


def _round(request: AuthedRequest, pk: int) -> ReviewRound:
    require(can_manage_scoring(request.user))
    return get_round_for_user(request.user, pk)


@login_required
@require_GET
def round_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    review = _round(request, pk)
    return render(request, "scoring/round.html", _round_context(review))


@login_required
@require_POST
def extend(request: AuthedRequest, pk: int) -> HttpResponse:
    review = _round(request, pk)
    seated = Expert.objects.filter(seats__draw=review.draw, seats__status=SeatStatus.ACTIVE).distinct()
    form = ExtensionForm(request.POST, experts=seated)
    if form.is_valid():
        try:
            actions.do_extend_deadline(
                review,
                form.cleaned_data["expert"],
                due_at=form.cleaned_data["due_at"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已延长该专家的评分截止时间，并通知本人"))
            return redirect("scoring:round", pk=review.pk)
    return render(request, "scoring/round.html", _round_context(review, extension_form=form), status=400)


@login_required
@require_POST
def leader(request: AuthedRequest, pk: int) -> HttpResponse:
    review = _round(request, pk)
    experts = Expert.objects.filter(pk__in=[e.pk for e in serving_experts(review.draw)])
    form = LeaderForm(request.POST, experts=experts)
    if form.is_valid():
        try:
            actions.do_appoint_leader(review, form.cleaned_data["expert"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已指定专家组组长"))
            return redirect("scoring:round", pk=review.pk)
    return render(request, "scoring/round.html", _round_context(review, leader_form=form), status=400)


@login_required
@require_http_methods(["GET", "POST"])
def replace(request: AuthedRequest, pk: int) -> HttpResponse:
    """Replace one expert on one application (late, or unable to score): the seat is refilled, scoring starts afresh."""
    require(can_manage_scoring(request.user))
    seat = Seat.objects.select_related("draw__call", "application", "expert").filter(pk=pk).first()
    if seat is None or not ReviewRound.objects.filter(draw_id=seat.draw_id).exists():
        raise Http404
    review = ReviewRound.objects.get(draw_id=seat.draw_id)
    form = ReplaceForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            new = actions.do_replace_scorer(seat, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            if new is None:
                messages.warning(request, _("已撤出该专家，但没有可补位的专家，请调整抽取或分配"))
            else:
                messages.success(request, _("已更换评审专家，由 %(code)s 重新评分") % {"code": new.expert.code})
            return redirect("scoring:round", pk=review.pk)
    context = {"seat": seat, "review": review, "form": form, "call": seat.draw.call, "stage": "scoring"}
    return render(request, "scoring/replace.html", context, status=form_status(request, form))


@login_required
@require_GET
def application_scores(request: AuthedRequest, pk: int, application: int) -> HttpResponse:
    review = _round(request, pk)
    target = actions.panel_applications(review).filter(pk=application).first()
    if target is None:
        raise Http404
    context = {
        "call": review.draw.call,
        "stage": "scoring",
        "review": review,
        "application": target,
        "table": scores_table(review, target),
        "standing": actions.standing_conclusion(review, target),
        "all_scores": Score.objects.filter(round=review, seat__application=target)
        .select_related("seat__expert")
        .order_by("seat__assigned_at"),
    }
    return render(request, "scoring/application.html", context)


@login_required
@require_POST
def confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    require(can_manage_scoring(request.user))
    conclusion = get_conclusion_for_user(request.user, pk)
    require(can_confirm_conclusion(request.user, conclusion))
    try:
        actions.do_confirm_conclusion(conclusion, actor=request.user)
    except (ValidationError, PermissionDenied, Conflict) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("scoring:application", pk=conclusion.round_id, application=conclusion.application_id)
    messages.success(request, _("已确认 %(ref)s 的专家推荐结论") % {"ref": conclusion.application.reference})
    return redirect("scoring:round", pk=conclusion.round_id)


@login_required
@require_GET
def summary(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    review = _round(request, pk)
    if fmt not in ("xlsx", "pdf"):
        raise Http404
    name = f"{review.draw.call.pk}-{review.pk}-专家评审汇总表"
    if fmt == "xlsx":
        body = summary_xlsx(review)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, kind = summary_pdf(review), "application/pdf"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.{fmt}"
    return response
