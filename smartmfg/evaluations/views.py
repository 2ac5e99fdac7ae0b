"""The Department's workspace: every application, each call's stages, and their work lists (第九条至第十二条)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, DecimalField, F, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartmfg.access import (
    can_use_department_pages,
    get_call_for_user,
    get_deliberation_for_user,
    get_revocation_for_user,
    require,
    visible_applications,
    visible_calls,
    visible_deliberations,
    visible_letters,
    visible_notices,
    visible_publications,
    visible_revocations,
)
from smartmfg.accounts.http import AuthedRequest
from smartmfg.applications.lists import application_list
from smartmfg.applications.models import Application, ApplicationEvent
from smartmfg.applications.states import Status
from smartmfg.calls.models import Call
from smartmfg.eligibility.gates import held_back
from smartmfg.evaluations import actions
from smartmfg.evaluations.filters import ExpertFilter, RevocationFilter, StageFilter
from smartmfg.evaluations.forms import DeliberationForm, RecoveryForm
from smartmfg.evaluations.overview import call_applications, overdue_cultivation, overview, with_expert_columns
from smartmfg.evaluations.tables import CultivationTable, ExpertTable, RequalifyTable, RevocationTable
from smartmfg.lib.forms import add_errors
from smartmfg.lib.tables import table_page
from smartmfg.reviews.models import LetterStatus
from smartmfg.rules.requirements import EVALUATION
from smartmfg.support.models import SupportPayment
from smartmfg.workflow.batch import BatchRefused
from smartmfg.workflow.transition import Conflict

MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(0, output_field=MONEY)


def _department(request: AuthedRequest) -> None:
    require(can_use_department_pages(request.user))


def _call(request: AuthedRequest, pk: int) -> Call:
    _department(request)
    return get_call_for_user(request.user, pk)


@login_required
@require_GET
def department_home(request: AuthedRequest) -> HttpResponse:
    _department(request)
    return application_list(request, "evaluations/department_home.html", {"calls": visible_calls(request.user)[:5]})


@login_required
@require_GET
def stage_index(request: AuthedRequest) -> HttpResponse:
    """Each call with how many of its applications wait at the Department's stages."""
    _department(request)
    waiting = (
        Status.RECOMMENDED,
        Status.EXPERT_REVIEW,
        Status.EXPERT_RECOMMENDED,
        Status.APPROVED,
        Status.IN_NOTICE,
        Status.NOTICE_PASSED,
    )
    counted = visible_applications(request.user).filter(status__in=waiting).values("pk")
    calls = visible_calls(request.user).annotate(
        total=Count("applications", filter=Q(applications__submission_count__gt=0)),
        waiting=Count("applications", filter=Q(applications__in=counted)),
        recognised=Count("applications", filter=Q(applications__status=Status.RECOGNISED)),
        cultivating=Count("applications", filter=Q(applications__status=Status.CULTIVATING)),
    )
    cultivating = (
        visible_applications(request.user).filter(status=Status.CULTIVATING).select_related("call", "enterprise")
    )
    context = {"calls": calls, "overdue": overdue_cultivation(list(cultivating.order_by("reference")))}
    return render(request, "evaluations/stage_index.html", context)


@login_required
@require_GET
def call_overview(request: AuthedRequest, call: int) -> HttpResponse:
    """第九条至第十二条: the call's applications by stage, tier and region; its documents."""
    the_call = _call(request, call)
    context = {
        "call": the_call,
        **overview(request.user, the_call),
        "deliberations": visible_deliberations(request.user)
        .filter(call=the_call)
        .annotate(approved_count=Count("approved", distinct=True), rejected_count=Count("rejected", distinct=True)),
        "notices": visible_notices(request.user)
        .filter(call=the_call)
        .annotate(
            size=Count("applications", distinct=True),
            open_objections=Count("objections", filter=Q(objections__status="open"), distinct=True),
        ),
        "publications": visible_publications(request.user)
        .filter(call=the_call)
        .annotate(size=Count("applications", distinct=True)),
        "today": timezone.localdate(),
    }
    return render(request, "evaluations/call.html", context)


@login_required
@require_GET
def requalify(request: AuthedRequest, call: int) -> HttpResponse:
    """第九条: the applications recommended by the bureaus, waiting for qualification re-review."""
    the_call = _call(request, call)
    letters = visible_letters(request.user).filter(status=LetterStatus.SENT).select_related("sender")
    queryset = (
        call_applications(request.user, the_call)
        .filter(status=Status.RECOMMENDED)
        .prefetch_related(Prefetch("letters", queryset=letters))
    )
    return _stage_list(request, the_call, queryset, RequalifyTable, StageFilter, "requalify", _("资格复审"))


@login_required
@require_GET
def experts(request: AuthedRequest, call: int) -> HttpResponse:
    """第九条: expert review and spot checks; the conclusion and findings are recorded on each application."""
    the_call = _call(request, call)
    queryset = with_expert_columns(
        call_applications(request.user, the_call).filter(
            status__in=(Status.EXPERT_REVIEW, Status.EXPERT_RECOMMENDED, Status.EXPERT_NOT_RECOMMENDED)
        )
    )
    return _stage_list(request, the_call, queryset, ExpertTable, ExpertFilter, "experts", _("专家评审和现场抽查"))


@login_required
@require_GET
def cultivation(request: AuthedRequest, call: int) -> HttpResponse:
    """第五条至第七条第1款: projects under construction, until in production or past the deadline."""
    the_call = _call(request, call)
    queryset = call_applications(request.user, the_call).filter(status=Status.CULTIVATING)
    deadline = the_call.get_policy().cultivation_deadline
    return _stage_list(
        request,
        the_call,
        queryset,
        CultivationTable,
        StageFilter,
        "cultivation",
        _("培育项目"),
        {"deadline": deadline, "deadline_passed": timezone.localdate() > deadline},
    )


def _stage_list(
    request: AuthedRequest,
    call: Call,
    queryset: Any,
    table: Any,
    filterset: Any,
    stage: str,
    title: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    return table_page(
        request,
        queryset=queryset,
        table_class=table,
        filterset_class=filterset,
        template="evaluations/stage_list.html",
        export_name=f"{call.year}-{stage}",
        context={"call": call, "stage": stage, "title": title, **(extra or {})},
    )


# -------------------------------------------------------------------- deliberation


def _deliberation_candidates(request: AuthedRequest, call: Call) -> list[Any]:
    return list(
        with_expert_columns(call_applications(request.user, call).filter(status=Status.EXPERT_RECOMMENDED)).order_by(
            "-latest_score", "reference"
        )
    )


@login_required
@require_http_methods(["GET", "POST"])
def deliberation(request: AuthedRequest, call: int) -> HttpResponse:
    """第十条: record the meeting and its decision on each of the experts' recommended applications."""
    the_call = _call(request, call)
    candidates = _deliberation_candidates(request, the_call)
    ready = [a for a in candidates if not a.spot_pending]
    held = held_back(Application.objects.filter(pk__in=[a.pk for a in ready]), EVALUATION)
    if request.method != "POST":
        return _deliberation_page(request, the_call, candidates, DeliberationForm(applications=ready, held=held))
    shown = _shown(request, the_call)
    shown_held = held_back(Application.objects.filter(pk__in=[a.pk for a in shown]), EVALUATION)
    form = DeliberationForm(request.POST, applications=shown, held=shown_held)
    if not form.is_valid():
        return _deliberation_page(request, the_call, candidates, form, status=400)
    data = form.cleaned_data
    try:
        record = actions.do_record_deliberation(
            the_call,
            form.rulings(),
            meeting=data["meeting"],
            held_on=data["held_on"],
            minutes=data["minutes"],
            actor=request.user,
        )
    except (Conflict, BatchRefused) as refusal:
        messages.error(request, str(refusal))
        fresh = DeliberationForm(request.POST, applications=ready, held=held)
        return _deliberation_page(request, the_call, candidates, fresh, status=409)
    except ValidationError as error:
        add_errors(form, error)
        return _deliberation_page(request, the_call, candidates, form, status=400)
    messages.success(
        request,
        _("已录入审议结果：通过 %(approved)d 项，不通过 %(rejected)d 项")
        % {"approved": record.approved.count(), "rejected": record.rejected.count()},
    )
    return redirect("department:deliberation_detail", pk=record.pk)


def _shown(request: AuthedRequest, call: Call) -> list[Application]:
    """The applications the officer saw on the page (any state now: the action checks)."""
    ids = [int(v) for v in request.POST.getlist("shown") if v.isdigit()]
    shown = with_expert_columns(call_applications(request.user, call).filter(pk__in=ids))
    return list(shown.order_by("-latest_score", "reference"))


def _deliberation_page(
    request: AuthedRequest, call: Call, candidates: list[Any], form: DeliberationForm, *, status: int = 200
) -> HttpResponse:
    context = {
        "call": call,
        "form": form,
        "pending": [a for a in candidates if a.spot_pending],
    }
    return render(request, "evaluations/deliberation.html", context, status=status)


@login_required
@require_GET
def deliberation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    _department(request)
    record = get_deliberation_for_user(request.user, pk)
    events = {
        e.application_id: e
        for e in ApplicationEvent.objects.filter(
            application__in=visible_applications(request.user),
            action__in=("approve", "disapprove"),
            data__deliberation=record.pk,
        )
    }
    rows = [
        {"application": a, "approved": True, "event": events.get(a.pk)}
        for a in record.approved.select_related("enterprise", "jurisdiction")
    ] + [
        {"application": a, "approved": False, "event": events.get(a.pk)}
        for a in record.rejected.select_related("enterprise", "jurisdiction")
    ]
    return render(request, "evaluations/deliberation_detail.html", {"deliberation": record, "rows": rows})


# --------------------------------------------------------------------- revocations


def _revocations(request: AuthedRequest) -> Any:
    """Each revocation with what was paid of the support (第十一条), what it asks back, recovered and still owed."""
    paid = (
        SupportPayment.objects.filter(grant__application=OuterRef("application"))
        .values("grant__application")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return (
        visible_revocations(request.user)
        .select_related("enterprise", "application")
        .annotate(recovered=Coalesce(Sum("recoveries__amount"), ZERO))
        .annotate(owed=F("subsidy_to_recover") - F("recovered"))
        .annotate(paid=Coalesce(Subquery(paid, output_field=MONEY), ZERO))
    )


@login_required
@require_GET
def revocations(request: AuthedRequest) -> HttpResponse:
    """第十二条: every revocation, with the subsidy recovered and still owed."""
    _department(request)
    return table_page(
        request,
        queryset=_revocations(request),
        table_class=RevocationTable,
        filterset_class=RevocationFilter,
        template="evaluations/revocations.html",
        export_name="revocations",
    )


@login_required
@require_GET
def revocation(request: AuthedRequest, pk: int) -> HttpResponse:
    _department(request)
    return _revocation_page(request, get_revocation_for_user(request.user, pk), RecoveryForm())


def _revocation_page(request: AuthedRequest, record: Any, form: forms.Form, *, status: int = 200) -> HttpResponse:
    context = {
        "revocation": record,
        "recoveries": record.recoveries.select_related("recorded_by"),
        "recovered": actions.recovered(record),
        "outstanding": actions.outstanding(record),
        "form": form,
    }
    return render(request, "evaluations/revocation.html", context, status=status)


@login_required
@require_POST
def add_recovery(request: AuthedRequest, pk: int) -> HttpResponse:
    """第十二条: record a repayment; more than is still owed is refused."""
    _department(request)
    record = get_revocation_for_user(request.user, pk)
    form = RecoveryForm(request.POST)
    if form.is_valid():
        try:
            actions.do_record_recovery(record, **form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已录入收回的奖补资金"))
            return redirect("department:revocation", pk=record.pk)
    return _revocation_page(request, record, form, status=400)
