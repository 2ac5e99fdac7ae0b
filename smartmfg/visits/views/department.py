"""The Department's spot checks (第九条): the spot draw, picks, scheduling, each visit's record.

Every page starts with ``require(can_manage_visits)`` (403 for other roles);
objects are fetched through ``get_*_for_user``. Each POST is one action; a
refusal comes back on the page with its reason (400), nothing changed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartmfg.access import (
    can_manage_visits,
    can_record_about_enterprise,
    can_schedule_visit,
    get_application_for_user,
    get_call_for_user,
    get_spot_draw_for_user,
    get_visit_for_user,
    require,
    visible_spot_draws,
    visible_visits,
)
from smartmfg.accounts.http import AuthedRequest
from smartmfg.applications.models import AttachmentKind
from smartmfg.audit.models import AuditEntry
from smartmfg.calls.models import Call
from smartmfg.evaluations.models import SpotCheck
from smartmfg.experts.conflicts import conflicts_between
from smartmfg.experts.forms.draws import SeedForm
from smartmfg.lib.choices import current_lang
from smartmfg.lib.forms import add_errors, form_status, posted
from smartmfg.rules.experts.spot_sample import spot_check_count, spot_verified_text, verify_spot_document
from smartmfg.visits import actions
from smartmfg.visits.documents import spot_draw_document, spot_draw_response
from smartmfg.visits.forms import PickForm, ScheduleForm
from smartmfg.visits.lists import accepted_pool, review_list
from smartmfg.visits.models import REVIEW_STATES, SpotDraw, SpotDrawStatus, SpotSelection, Visit
from smartmfg.workflow.transition import Conflict


def _call(request: AuthedRequest, pk: int) -> Call:
    require(can_manage_visits(request.user))
    return get_call_for_user(request.user, pk)


def _spot_draw(request: AuthedRequest, pk: int) -> SpotDraw:
    require(can_manage_visits(request.user))
    return get_spot_draw_for_user(request.user, pk)


@login_required
@require_GET
def call_visits(request: AuthedRequest, call: int) -> HttpResponse:
    """The call's spot checks: its spot draw, the applications chosen and why, their visits."""
    return _page(request, _call(request, call))


@login_required
@require_POST
def create_draw(request: AuthedRequest, call: int) -> HttpResponse:
    the_call = _call(request, call)
    try:
        actions.do_create_spot_draw(the_call, actor=request.user)
    except ValidationError as error:
        return _page(request, the_call, refusal=_message(error), status=400)
    messages.success(request, _("已新建抽取，请核对评审名单后固定"))
    return redirect("visits:call", call=the_call.pk)


@login_required
@require_POST
def freeze_draw(request: AuthedRequest, pk: int) -> HttpResponse:
    spot_draw = _spot_draw(request, pk)
    try:
        actions.do_freeze_spot_draw(spot_draw, actor=request.user)
    except ValidationError as error:
        return _page(request, spot_draw.call, refusal=_message(error), status=400)
    messages.success(request, _("抽查名单已固定，摘要已公布；现在可以确定随机种子"))
    return redirect("visits:call", call=spot_draw.call_id)


@login_required
@require_POST
def run_draw(request: AuthedRequest, pk: int) -> HttpResponse:
    spot_draw = _spot_draw(request, pk)
    form = SeedForm(request.POST)
    if form.is_valid():
        try:
            actions.do_run_spot_draw(
                spot_draw,
                public_seed=form.cleaned_data["public_seed"],
                seed_note=form.cleaned_data["seed_note"],
                actor=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已随机抽取现场抽查对象"))
            return redirect("visits:call", call=spot_draw.call_id)
    return _page(request, spot_draw.call, seed_form=form, status=400)


@login_required
@require_GET
def draw_document(request: AuthedRequest, pk: int) -> HttpResponse:
    """The spot draw's record anyone can re-run: reference numbers, share, digest, seed, sample."""
    spot_draw = _spot_draw(request, pk)
    if spot_draw.status != SpotDrawStatus.DRAWN:
        return _page(request, spot_draw.call, refusal=_("尚未抽取，没有抽取记录"), status=400)
    return spot_draw_response(spot_draw)


@login_required
@require_POST
def pick(request: AuthedRequest, call: int) -> HttpResponse:
    """The Department adds an application of the review list, with its written reason."""
    the_call = _call(request, call)
    form = _pick_form(the_call, request.POST)
    if form.is_valid():
        try:
            actions.do_pick_for_visit(
                form.cleaned_data["application"], reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已选定该申报进行现场抽查"))
            return redirect("visits:call", call=the_call.pk)
    return _page(request, the_call, pick_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def schedule(request: AuthedRequest, pk: int) -> HttpResponse:
    """Send 2 or 3 experts of the call's accepted pool to one application, on a day, with its checklist."""
    require(can_manage_visits(request.user))
    application = get_application_for_user(request.user, pk)
    decision = can_schedule_visit(request.user, application)
    pool = accepted_pool(application.call)
    conflicted = [e for _a, e in conflicts_between(list(pool), [application], today=timezone.localdate())]
    form = ScheduleForm(posted(request), pool=pool, conflicted=conflicted)
    status = form_status(request, form)
    if request.method == "POST" and not decision:
        status = 403
    elif request.method == "POST" and form.is_valid():
        try:
            visit = actions.do_schedule_visit(
                application,
                experts=list(form.cleaned_data["experts"]),
                visit_on=form.cleaned_data["visit_on"],
                actor=request.user,
            )
        except (ValidationError, Conflict) as error:
            add_errors(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
            status = 400
        else:
            messages.success(request, _("已安排现场抽查，已通知抽查专家"))
            return redirect("visits:detail", pk=visit.pk)
    context = {
        "application": application,
        "call": application.call,
        "stage": "visits",
        "form": form,
        "decision": decision,
        "selections": application.spot_selections.select_related("selected_by"),
        "pool_size": len(pool),
    }
    return render(request, "visits/schedule.html", context, status=status)


@login_required
@require_GET
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A visit as the Department reads it: members and signatures, the checklist, findings, what next."""
    require(can_manage_visits(request.user))
    visit = get_visit_for_user(request.user, pk)
    application = visit.application
    context = {
        "visit": visit,
        "application": application,
        "call": application.call,
        "stage": "visits",
        "members": visit.members.select_related("expert__group"),
        "items": visit.items.prefetch_related("photos"),
        "report": _report_of(visit),
        "selections": application.spot_selections.all(),
        "can_record": can_record_about_enterprise(request.user, application.enterprise),
        "history": AuditEntry.objects.filter(target_type="visits.visit", target_id=str(visit.pk)).order_by("at", "id"),
    }
    return render(request, "visits/detail.html", context)


@login_required
@require_GET
def report(request: AuthedRequest, pk: int) -> FileResponse:
    """The signed report (PDF), attached to the step 专家提交现场抽查报告."""
    require(can_manage_visits(request.user))
    attachment = _report_of(get_visit_for_user(request.user, pk))
    if attachment is None:
        raise Http404
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)
    response["Content-Type"] = attachment.content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ------------------------------------------------------------------ helpers


def _report_of(visit: Visit) -> Any:
    event_id = visit.spot_check.event_id
    if event_id is None:
        return None
    return visit.application.attachments.filter(event_id=event_id, kind=AttachmentKind.SPOT_CHECK_REPORT).first()


def _pick_form(call: Call, data: Any = None) -> PickForm:
    chosen = SpotSelection.objects.filter(application__call=call).values("application_id")
    candidates = review_list(call).exclude(pk__in=chosen).select_related("enterprise").order_by("reference")
    return PickForm(data, applications=candidates)


def _message(error: ValidationError) -> str:
    return "；".join(str(m) for m in error.messages)


def _page(request: AuthedRequest, call: Call, *, status: int = 200, **extra: Any) -> HttpResponse:
    spot_draw = visible_spot_draws(request.user).filter(call=call).first()
    reviewed = review_list(call).count()
    share = call.get_policy().spot_check_share
    context: dict[str, Any] = {
        "call": call,
        "stage": "visits",
        "spot_draw": spot_draw,
        "review_count": reviewed,
        "share": share,
        "expected": spot_check_count(reviewed, share),
        "rows": _rows(request, call),
        "pick_form": extra.get("pick_form") or _pick_form(call),
        "seed_form": extra.get("seed_form") or SeedForm(),
        "refusal": extra.get("refusal"),
    }
    if spot_draw is not None and spot_draw.status == SpotDrawStatus.DRAWN:
        problem = verify_spot_document(spot_draw_document(spot_draw))
        context["verification"] = (problem or spot_verified_text()).render(current_lang())
        context["verified"] = problem is None
    if spot_draw is not None:
        context["history"] = AuditEntry.objects.filter(
            target_type="visits.spotdraw", target_id=str(spot_draw.pk)
        ).order_by("at", "id")
    return render(request, "visits/call.html", context, status=status)


def _rows(request: AuthedRequest, call: Call) -> list[dict[str, Any]]:
    """Each application chosen for a spot check: how (sampled, picked and why), its visits, whether one may
    be scheduled now (the schedule page says why not); a fixed number of queries."""
    selections = SpotSelection.objects.filter(application__call=call).select_related("application__enterprise")
    visits = visible_visits(request.user).filter(application__call=call).order_by("visit_on", "id")
    pending = set(
        SpotCheck.objects.filter(application__call=call, passed__isnull=True).values_list("application_id", flat=True)
    )
    rows: dict[int, dict[str, Any]] = {}
    for selection in selections.order_by("application__reference", "source"):
        application = selection.application
        row = rows.setdefault(
            application.pk,
            {
                "application": application,
                "selections": [],
                "visits": [],
                "schedulable": application.status in REVIEW_STATES and application.pk not in pending,
            },
        )
        row["selections"].append(selection)
    for visit in visits:
        if visit.application_id in rows:
            rows[visit.application_id]["visits"].append(visit)
    return list(rows.values())
