"""The Department's expert pool (第九条): the list, adding and importing, an expert's record, conflicts, ratings.

Every page starts with ``require(can_manage_experts)`` (403 for every other
role); an expert is fetched through ``get_expert_for_user``. Each POST is one
action; a refusal comes back on the page, on the field it names, with 400
and nothing changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartmfg.access import (
    can_manage_experts,
    get_call_for_user,
    get_expert_for_user,
    require,
    visible_applications,
    visible_calls,
    visible_enterprises,
    visible_experts,
)
from smartmfg.accounts.http import AuthedRequest
from smartmfg.applications.models import Application
from smartmfg.audit.models import AuditEntry
from smartmfg.calls.models import Call, CallStatus
from smartmfg.enterprises.industries import DIVISIONS, SECTIONS
from smartmfg.enterprises.models import Enterprise, ManufacturingType
from smartmfg.experts.actions.conflicts import (
    DECLARABLE,
    do_record_conflict,
    do_waive_conflict,
)
from smartmfg.experts.actions.pool import do_add_expert, do_change_expert_status, do_import_experts, do_update_expert
from smartmfg.experts.actions.ratings import do_rate_expert
from smartmfg.experts.conflicts import conflicts_between
from smartmfg.experts.filters import PoolFilter
from smartmfg.experts.forms.pool import (
    ConflictForm,
    ExpertEditForm,
    ExpertForm,
    ImportForm,
    RatingForm,
    StatusForm,
    WaiverForm,
    division_options,
)
from smartmfg.experts.models import DETECTED_KINDS, ConflictKind, Expert, ExpertGroup, Rating, Seat
from smartmfg.experts.spreadsheet import parse_pool, pool_template
from smartmfg.experts.tables import PoolTable, pool_rows
from smartmfg.lib.forms import add_errors, form_status, is_htmx, posted
from smartmfg.lib.sheets import XLSX, SheetErrors
from smartmfg.lib.tables import table_page
from smartmfg.rules.divisions import JILIN_DIVISIONS, full_name
from smartmfg.rules.experts.identity import mask_resident_id

# How each step of an expert's record reads in its history.
VERBS = {
    "add_expert": gettext_lazy("入库"),
    "import_experts": gettext_lazy("批量导入"),
    "update_expert": gettext_lazy("修改信息"),
    "change_expert_status": gettext_lazy("变更状态"),
    "record_conflict": gettext_lazy("录入回避关系"),
    "waive_conflict": gettext_lazy("豁免回避"),
    "rate_expert": gettext_lazy("评价"),
}


def _manager(request: AuthedRequest) -> None:
    require(can_manage_experts(request.user))


def _expert(request: AuthedRequest, pk: int) -> Expert:
    _manager(request)
    return get_expert_for_user(request.user, pk)


# ------------------------------------------------------------------ the pool


@login_required
@require_GET
def pool(request: AuthedRequest) -> HttpResponse:
    """专家库: every expert with their standing, reviews and latest rating; filters and export."""
    _manager(request)
    rated_calls = visible_calls(request.user).filter(draws__seats__isnull=False).distinct()
    return table_page(
        request,
        queryset=pool_rows(visible_experts(request.user)),
        table_class=PoolTable,
        filterset_class=PoolFilter,
        template="experts/pool.html",
        export_name="experts",
        context={"calls": rated_calls},
    )


@login_required
@require_http_methods(["GET", "POST"])
def add(request: AuthedRequest) -> HttpResponse:
    _manager(request)
    form = ExpertForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            expert = do_add_expert(form.values(), actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("已将%(name)s入库，专家编号 %(code)s") % {"name": expert.name, "code": expert.code}
            )
            return redirect("experts:detail", pk=expert.pk)
    return _form_page(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Change an expert's record with the reason; the code never changes."""
    expert = _expert(request, pk)
    form = ExpertEditForm(posted(request), instance=expert)
    if request.method == "POST" and form.is_valid():
        if not form.changed_fields():
            messages.info(request, _("没有修改任何信息"))
            return redirect("experts:detail", pk=pk)
        try:
            do_update_expert(expert, form.values(), reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已保存专家 %(code)s 的信息") % {"code": expert.code})
            return redirect("experts:detail", pk=pk)
    return _form_page(request, form, get_expert_for_user(request.user, pk))


def _form_page(request: AuthedRequest, form: ExpertForm, expert: Expert | None) -> HttpResponse:
    context = {"form": form, "expert": expert, "division_options": division_options()}
    return render(request, "experts/expert_form.html", context, status=form_status(request, form))


# ------------------------------------------------------------------ import


@login_required
@require_http_methods(["GET", "POST"])
def import_pool(request: AuthedRequest) -> HttpResponse:
    """Upload the filled-in template: every error, or the experts created (all or none)."""
    _manager(request)
    form = ImportForm(posted(request), request.FILES if request.method == "POST" else None)
    context: dict[str, Any] = {"form": form, "sheet_errors": [], "created": []}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["sheet"]
        try:
            created = do_import_experts(parse_pool(upload), source=upload.name or "", actor=request.user)
        except SheetErrors as refused:
            context["sheet_errors"] = refused.messages
        except ValidationError as error:  # a row taken by someone else meanwhile
            context["sheet_errors"] = error.messages
        else:
            context["created"] = created
    status = 400 if request.method == "POST" and (form.errors or context["sheet_errors"]) else 200
    if is_htmx(request) and request.method == "POST":
        # htmx swaps no 4xx answer: the fragment (errors or experts) comes as 200, the full page keeps its 400.
        return render(request, "experts/_import_results.html", context)
    return render(request, "experts/import.html", context, status=status)


@login_required
@require_GET
def import_template(request: AuthedRequest) -> HttpResponse:
    _manager(request)
    response = HttpResponse(pool_template(list(ExpertGroup.objects.all())), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, "专家信息导入模板.xlsx") or ""
    return response


# ------------------------------------------------------------------ an expert


@login_required
@require_GET
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The record (ID masked), its history, conflicts recorded and found, reviews and ratings."""
    expert = _expert(request, pk)
    initial = {"enterprise": request.GET.get("waive", ""), "kind": request.GET.get("kind", "")}
    return _detail_page(request, expert, waiver_form=_waiver_form(request, expert, initial=initial))


@login_required
@require_POST
def status(request: AuthedRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    form = StatusForm(request.POST, expert=expert)
    if form.is_valid():
        try:
            changed = do_change_expert_status(
                expert, form.cleaned_data["status"], reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("专家 %(code)s 现为“%(status)s”") % {"code": changed.code, "status": changed.get_status_display()},
            )
            return redirect("experts:detail", pk=pk)
    return _detail_page(request, expert, status_form=form, status=400)


@login_required
@require_POST
def add_conflict(request: AuthedRequest, pk: int) -> HttpResponse:
    """A conflict the Department records; seats the expert holds on that enterprise are refilled."""
    expert = _expert(request, pk)
    form = ConflictForm(request.POST, enterprises=visible_enterprises(request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            do_record_conflict(
                expert,
                data["enterprise"],
                kind=data["kind"],
                evidence=data["evidence"],
                started_on=data["started_on"],
                ended_on=data["ended_on"],
                actor=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已录入与“%(name)s”的回避关系") % {"name": data["enterprise"].name})
            return redirect("experts:detail", pk=pk)
    return _detail_page(request, expert, conflict_form=form, status=400)


@login_required
@require_POST
def waive(request: AuthedRequest, pk: int) -> HttpResponse:
    """Set aside a conflict found by rule (同一单位, 属地), with the reason."""
    expert = _expert(request, pk)
    form = _waiver_form(request, expert, data=request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            do_waive_conflict(expert, data["enterprise"], kind=data["kind"], reason=data["reason"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已豁免与“%(name)s”的回避") % {"name": data["enterprise"].name})
            return redirect("experts:detail", pk=pk)
    return _detail_page(request, expert, waiver_form=form, status=400)


def _waiver_form(request: AuthedRequest, expert: Expert, **kwargs: Any) -> WaiverForm:
    return WaiverForm(kwargs.pop("data", None), expert=expert, enterprises=visible_enterprises(request.user), **kwargs)


def _detail_page(
    request: AuthedRequest,
    expert: Expert,
    *,
    status_form: StatusForm | None = None,
    conflict_form: ConflictForm | None = None,
    waiver_form: WaiverForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "expert": expert,
        "masked_id": mask_resident_id(expert.resident_id),
        "industries": [_industry_label(code) for code in expert.industries],
        "manufacturing": [str(ManufacturingType(m).label) for m in expert.manufacturing if m in ManufacturingType],
        "division": full_name(expert.division) if expert.division in JILIN_DIVISIONS else expert.division,
        "history": _history(expert),
        "conflicts": expert.conflicts.select_related("enterprise", "recorded_by"),
        "waivers": expert.waivers.select_related("enterprise", "waived_by").order_by("-waived_at"),
        "detected": _detected(request, expert),
        "seats": Seat.objects.filter(expert=expert)
        .select_related("application__enterprise", "draw__call")
        .order_by("-assigned_at", "-id"),
        "ratings": expert.ratings.select_related("call", "rated_by"),
        "status_form": status_form or StatusForm(expert=expert),
        "conflict_form": conflict_form or ConflictForm(enterprises=visible_enterprises(request.user)),
        "waiver_form": waiver_form or _waiver_form(request, expert),
    }
    return render(request, "experts/expert_detail.html", context, status=status)


def _industry_label(code: str) -> str:
    if code in SECTIONS:
        return f"{code} {SECTIONS[code]}"
    return f"{code} {DIVISIONS[code][1]}" if code in DIVISIONS else code


@dataclass
class Change:
    label: str
    old: str
    new: str


def _history(expert: Expert) -> list[tuple[AuditEntry, str, list[Change]]]:
    """The audit entries of the expert, newest first, each with its verb's label and its changes by field."""
    entries = AuditEntry.objects.filter(target_type=Expert._meta.label_lower, target_id=str(expert.pk))
    labels = {f.name: str(f.verbose_name) for f in (*Expert._meta.fields, *Rating._meta.fields)}
    labels.pop("id")
    rows = []
    for entry in entries.select_related("actor").order_by("-at", "-id"):
        changes = [
            Change(labels.get(name, name), *values)
            for name, values in entry.changes.items()
            if name in labels and isinstance(values, list) and len(values) == 2
        ]
        rows.append((entry, str(VERBS.get(entry.verb, entry.verb)), changes))
    return rows


@dataclass
class Detected:
    """A conflict found from data with one enterprise (its applications in the open calls)."""

    enterprise: Enterprise
    kind: str
    label: str
    applications: list[Application] = field(default_factory=list)

    @property
    def waivable(self) -> bool:
        return self.kind in DETECTED_KINDS


def _detected(request: AuthedRequest, expert: Expert) -> list[Detected]:
    """Conflicts found by rule or declared by an enterprise, against the applications of the open calls.

    Only the applications that could conflict are read: the enterprise is
    the employer or registered where it is, or it declared organisations to
    avoid. Waived conflicts are not found again (they are listed as waivers);
    recorded ones are listed as recorded.
    """
    uscc = expert.employer_uscc
    could = Q(avoided__isnull=False)
    if uscc:
        could |= Q(enterprise__uscc=uscc) | Q(enterprise__registered_division=uscc[2:8])
    applications = list(
        visible_applications(request.user)
        .filter(could, call__status=CallStatus.OPEN, submission_count__gt=0)
        .select_related("call", "enterprise")
        .distinct()
        .order_by("reference")
    )
    found = conflicts_between([expert], applications, today=timezone.localdate())
    recorded = {k.value for k in DECLARABLE}
    rows: dict[tuple[int, str], Detected] = {}
    for application in applications:
        for kind in found.get((application.pk, expert.pk), []):
            if kind in recorded:
                continue
            key = (application.enterprise_id, kind)
            if key not in rows:
                label = ConflictKind(kind).label if kind in ConflictKind.values else _("企业申请回避的单位")
                rows[key] = Detected(application.enterprise, kind, str(label))
            rows[key].applications.append(application)
    return list(rows.values())


# ------------------------------------------------------------------ ratings


@login_required
@require_http_methods(["GET", "POST"])
def ratings(request: AuthedRequest, call: int) -> HttpResponse:
    """一项目一评价: every expert who held a seat in the call, one form each; a POST saves one rating."""
    _manager(request)
    the_call = get_call_for_user(request.user, call)
    experts = list(
        visible_experts(request.user)
        .filter(seats__draw__call=the_call)
        .annotate(seat_count=Count("seats"))
        .select_related("group")
        .order_by("code")
    )
    given = {
        r.expert_id: r for r in Rating.objects.filter(call=the_call, expert__in=experts).select_related("rated_by")
    }
    if request.method != "POST":
        return _ratings_page(request, the_call, experts, given)
    target = next((e for e in experts if str(e.pk) == request.POST.get("expert")), None)
    if target is None:
        raise Http404
    form = RatingForm(request.POST, expert=target)
    if form.is_valid():
        data = form.cleaned_data
        try:
            do_rate_expert(
                target,
                the_call,
                timeliness=data["timeliness"],
                diligence=data["diligence"],
                notes=data["notes"],
                actor=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已保存对专家 %(code)s 的评价") % {"code": target.code})
            return redirect(f"{reverse('experts:ratings', args=[the_call.pk])}#expert-{target.pk}")
    return _ratings_page(request, the_call, experts, given, bound=form, status=400)


def _ratings_page(
    request: AuthedRequest,
    call: Call,
    experts: Sequence[Expert],
    given: dict[int, Rating],
    *,
    bound: RatingForm | None = None,
    status: int = 200,
) -> HttpResponse:
    rows = []
    for expert in experts:
        rating = given.get(expert.pk)
        initial = (
            {"timeliness": rating.timeliness, "diligence": rating.diligence, "notes": rating.notes} if rating else {}
        )
        form = (
            bound if bound is not None and bound.expert.pk == expert.pk else RatingForm(expert=expert, initial=initial)
        )
        rows.append({"expert": expert, "rating": rating, "form": form})
    context = {"call": call, "rows": rows, "bound": bound}
    return render(request, "experts/ratings.html", context, status=status)
