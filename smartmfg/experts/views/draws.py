"""The Department's draws and assignments (第九条): set up, freeze, seed and draw, invite, assign.

Every page starts with ``require(can_manage_experts)``; draws are fetched
through ``get_draw_for_user``. Each POST is one action; a refusal comes
back on the page with its reason (400), nothing changed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartmfg.access import can_manage_experts, get_call_for_user, get_draw_for_user, require, visible_draws
from smartmfg.accounts.http import AuthedRequest
from smartmfg.audit.models import AuditEntry
from smartmfg.calls.models import Call
from smartmfg.experts import actions
from smartmfg.experts.actions.assignment import problem_of, proposal_changes, serving_experts
from smartmfg.experts.documents import draw_document_response
from smartmfg.experts.forms.draws import DrawForm, ExclusionForm, PairRuleForm, ReleaseForm, SeedForm
from smartmfg.experts.lists import review_list
from smartmfg.experts.models import (
    ConflictKind,
    Draw,
    DrawStatus,
    Expert,
    ExpertGroup,
    ExpertStatus,
    Invitation,
    Proposal,
)
from smartmfg.lib.forms import add_errors, form_status, posted
from smartmfg.workflow.batch import BatchRefused
from smartmfg.workflow.transition import Conflict


def _call(request: AuthedRequest, pk: int) -> Call:
    require(can_manage_experts(request.user))
    return get_call_for_user(request.user, pk)


def _draw(request: AuthedRequest, pk: int) -> Draw:
    require(can_manage_experts(request.user))
    return get_draw_for_user(request.user, pk)


@login_required
@require_GET
def draw_list(request: AuthedRequest, call: int) -> HttpResponse:
    the_call = _call(request, call)
    draws = visible_draws(request.user).filter(call=the_call).order_by("-created_at")
    context = {
        "call": the_call,
        "stage": "draws",
        "draws": draws,
        "review_count": len(review_list(Draw(call=the_call))),
    }
    return render(request, "experts/draws.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def new_draw(request: AuthedRequest, call: int) -> HttpResponse:
    the_call = _call(request, call)
    initial = {"purpose": _("%(call)s专家评审") % {"call": the_call.title}, "answer_by": _default_deadline()}
    form = DrawForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.do_create_draw(the_call, form.values(), actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已新建专家抽取，请核对设置后固定抽取条件"))
            return redirect("experts:draw", pk=created.pk)
    context = {"call": the_call, "stage": "draws", "form": form, "pool": _pool_counts()}
    return render(request, "experts/draw_new.html", context, status=form_status(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The draw's page; in 设置中 it also takes the settings form (POST)."""
    the_draw = _draw(request, pk)
    form = DrawForm(posted(request), instance=the_draw) if the_draw.status == DrawStatus.DRAFT else None
    if request.method == "POST":
        if form is None:
            return _refused(request, the_draw, _("抽取条件已固定，不能再修改设置"))
        if form.is_valid():
            try:
                actions.do_update_draw(the_draw, form.values(), actor=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("已保存抽取设置"))
                return redirect("experts:draw", pk=the_draw.pk)
        return _page(request, the_draw, form=form, status=400)
    return _page(request, the_draw, form=form)


@login_required
@require_POST
def exclude(request: AuthedRequest, pk: int) -> HttpResponse:
    the_draw = _draw(request, pk)
    return _submit(
        request,
        the_draw,
        ("exclusion_form", ExclusionForm(request.POST)),
        lambda data: actions.do_exclude_expert(the_draw, data["expert"], reason=data["reason"], actor=request.user),
        _("已记录不参加抽取的专家"),
    )


@login_required
@require_POST
def freeze(request: AuthedRequest, pk: int) -> HttpResponse:
    the_draw = _draw(request, pk)
    try:
        actions.do_freeze_draw(the_draw, actor=request.user)
    except ValidationError as error:
        return _refused(request, the_draw, error)
    messages.success(request, _("抽取条件已固定，摘要已公布；现在可以确定随机种子"))
    return redirect("experts:draw", pk=the_draw.pk)


@login_required
@require_POST
def run(request: AuthedRequest, pk: int) -> HttpResponse:
    the_draw = _draw(request, pk)
    return _submit(
        request,
        the_draw,
        ("seed_form", SeedForm(request.POST)),
        lambda data: actions.do_run_draw(
            the_draw, public_seed=data["public_seed"], seed_note=data["seed_note"], actor=request.user
        ),
        _("已抽取专家并发出邀请"),
    )


@login_required
@require_GET
def document(request: AuthedRequest, pk: int) -> HttpResponse:
    """The draw document anyone can re-run (``smartmfg experts verify-draw``): codes only, never names."""
    the_draw = _draw(request, pk)
    if the_draw.status != DrawStatus.DRAWN:
        return _refused(request, the_draw, _("尚未抽取，没有抽取记录"))
    return draw_document_response(the_draw)


@login_required
@require_POST
def expire(request: AuthedRequest, pk: int) -> HttpResponse:
    the_draw = _draw(request, pk)
    count = actions.do_expire_invitations()
    messages.success(request, _("%(count)d 份逾期未答复的邀请已按谢绝处理并替补") % {"count": count})
    return redirect("experts:draw", pk=the_draw.pk)


@login_required
@require_POST
def release(request: AuthedRequest, pk: int) -> HttpResponse:
    """An accepted expert withdraws: the next ticket is invited and their seats are filled again."""
    require(can_manage_experts(request.user))
    invitation = get_object_or_404(Invitation.objects.filter(draw__in=visible_draws(request.user)), pk=pk)
    the_draw = invitation.draw
    return _submit(
        request,
        the_draw,
        ("release_form", ReleaseForm(request.POST)),
        lambda data: actions.do_release_expert(invitation, reason=data["reason"], actor=request.user),
        _("已记录专家退出评审，已邀请替补专家，其评审席位已由其他专家补位"),
    )


@login_required
@require_POST
def pair_rule(request: AuthedRequest, pk: int) -> HttpResponse:
    the_draw = _draw(request, pk)
    return _submit(
        request,
        the_draw,
        ("pair_form", _pair_form(the_draw, request.POST)),
        lambda data: actions.do_set_pair_rule(
            the_draw, data["application"], data["expert"], data["kind"], reason=data["reason"], actor=request.user
        ),
        _("已记录"),
    )


@login_required
@require_POST
def propose(request: AuthedRequest, pk: int) -> HttpResponse:
    the_draw = _draw(request, pk)
    try:
        made = actions.do_compute_proposal(the_draw, actor=request.user)
    except ValidationError as error:
        return _refused(request, the_draw, error)
    return redirect("experts:proposal", pk=made.pk)


@login_required
@require_GET
def proposal(request: AuthedRequest, pk: int) -> HttpResponse:
    """The preview: each expert's load, each application's experts and affinity, conflicts avoided, changes."""
    require(can_manage_experts(request.user))
    shown = get_object_or_404(
        Proposal.objects.filter(draw__in=visible_draws(request.user)).select_related("draw"), pk=pk
    )
    return render(request, "experts/proposal.html", _proposal_context(shown))


@login_required
@require_POST
def commit(request: AuthedRequest, pk: int) -> HttpResponse:
    require(can_manage_experts(request.user))
    shown = get_object_or_404(
        Proposal.objects.filter(draw__in=visible_draws(request.user)).select_related("draw"), pk=pk
    )
    try:
        seats = actions.do_commit_proposal(shown, actor=request.user)
    except (ValidationError, BatchRefused, Conflict) as error:
        context = {**_proposal_context(shown), "refusal": _message(error)}
        return render(request, "experts/proposal.html", context, status=400)
    messages.success(request, _("已确认分配方案：%(count)d 个评审席位，已通知专家") % {"count": len(seats)})
    return redirect("experts:draw", pk=shown.draw_id)


# ------------------------------------------------------------------ helpers


def _submit(
    request: AuthedRequest,
    the_draw: Draw,
    named_form: tuple[str, Any],
    take: Callable[[dict[str, Any]], object],
    success: str,
) -> HttpResponse:
    """One form posted on the draw's page: its action, then back to the page; a refusal shows on the form (400)."""
    name, form = named_form
    if form.is_valid():
        try:
            take(form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("experts:draw", pk=the_draw.pk)
    return _page(request, the_draw, status=400, **{name: form})


def _default_deadline() -> str:
    return (timezone.localtime() + dt.timedelta(days=3)).replace(second=0, microsecond=0).strftime("%Y-%m-%dT%H:%M")


def _pool_counts() -> list[dict[str, Any]]:
    active = Counter(Expert.objects.filter(status=ExpertStatus.ACTIVE).values_list("group_id", flat=True))
    return [{"group": g, "active": active.get(g.pk, 0)} for g in ExpertGroup.objects.all()]


def _kind_label(kind: str) -> str:
    """A conflict's source as the Department reads it (``conflicts_between`` names kinds and two sources)."""
    extra = {"enterprise": _("企业申请回避的单位"), "forbidden": _("省工信厅排除")}
    return str(ConflictKind(kind).label) if kind in ConflictKind.values else str(extra.get(kind, kind))


def _quota_rows(the_draw: Draw) -> list[tuple[str, int]]:
    names = dict(ExpertGroup.objects.values_list("code", "name"))
    return [(names.get(code, code), count) for code, count in sorted(the_draw.quotas.items())]


def _pair_form(the_draw: Draw, data: Any = None) -> PairRuleForm:
    experts = Expert.objects.filter(pk__in=[e.pk for e in serving_experts(the_draw)])
    return PairRuleForm(data, applications=review_list(the_draw), experts=experts)


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "；".join(str(m) for m in error.messages)
    return str(error)


def _refused(request: AuthedRequest, the_draw: Draw, error: ValidationError | str) -> HttpResponse:
    message = error if isinstance(error, str) else _message(error)
    return _page(request, the_draw, refusal=message, status=400)


def _page(request: AuthedRequest, the_draw: Draw, *, status: int = 200, **forms: Any) -> HttpResponse:
    invitations = the_draw.invitations.select_related("expert__group", "replaces__expert").order_by("position")
    context: dict[str, Any] = {
        "draw": the_draw,
        "call": the_draw.call,
        "stage": "draws",
        "invitations": invitations,
        "accepted": sum(1 for i in invitations if i.status == "accepted"),
        "pending": sum(1 for i in invitations if i.status == "pending"),
        "review_count": review_list(the_draw).count(),
        "exclusions": the_draw.exclusions.select_related("expert"),
        "pair_rules": the_draw.pair_rules.select_related("expert", "application"),
        "proposals": the_draw.proposals.order_by("-computed_at")[:5],
        "seat_count": the_draw.seats.filter(status="active").count(),
        "history": AuditEntry.objects.filter(target_type="experts.draw", target_id=str(the_draw.pk)).order_by(
            "at", "id"
        ),
        "pool": _pool_counts(),
        "quota_rows": _quota_rows(the_draw),
        "form": forms.get("form"),
        "exclusion_form": forms.get("exclusion_form") or ExclusionForm(),
        "seed_form": forms.get("seed_form") or SeedForm(),
        "pair_form": forms.get("pair_form") or (_pair_form(the_draw) if the_draw.status == DrawStatus.DRAWN else None),
        "refusal": forms.get("refusal"),
        "release_form": forms.get("release_form") or ReleaseForm(),
    }
    if the_draw.inputs:
        context["excluded"] = set(the_draw.inputs["excluded"])
    return render(request, "experts/draw.html", context, status=status)


def _proposal_context(shown: Proposal) -> dict[str, Any]:
    problem = problem_of(shown.draw)
    experts = {e.pk: e for e in problem.experts}
    applications = {a.pk: a for a in problem.applications}
    loads = Counter(e for _a, e, _x in shown.pairs)
    panels: dict[int, list[dict[str, Any]]] = {}
    for application_id, expert_id, affinity in shown.pairs:
        panels.setdefault(application_id, []).append({"expert": experts.get(expert_id), "affinity": affinity})
    added, dropped = proposal_changes(shown)
    return {
        "proposal": shown,
        "draw": shown.draw,
        "call": shown.draw.call,
        "stage": "draws",
        "panels": [(applications.get(a), panels[a]) for a in sorted(panels)],
        "loads": [(experts[e], loads.get(e, 0)) for e in experts],
        "avoided": [
            (applications.get(a), experts.get(e), [_kind_label(k) for k in kinds])
            for (a, e), kinds in sorted(problem.conflicts.items())
        ],
        "added": len(added),
        "dropped": len(dropped),
        "is_latest": not shown.draw.proposals.filter(pk__gt=shown.pk).exists(),
    }
