"""The expert's own pages (第九条): invitations to answer, seats to declare on, their own record.

An invitation shows the call, the dates and the number of applications,
never an enterprise. Once accepted and assigned, each seat names its
enterprise so the expert can say whether they have a conflict; only after
"no conflict" does the application open to them.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartmfg.access import (
    can_answer_invitation,
    can_declare_on_seat,
    can_evaluate,
    expert_of,
    get_invitation_for_user,
    get_seat_for_user,
    require,
    visible_invitations,
    visible_seats,
)
from smartmfg.accounts.http import AuthedRequest
from smartmfg.experts import actions
from smartmfg.experts.forms.draws import DeclarationForm, DeclineForm
from smartmfg.experts.home import sections
from smartmfg.experts.lists import review_list
from smartmfg.experts.models import ConflictKind, InvitationStatus
from smartmfg.lib.forms import add_errors, form_status, posted
from smartmfg.rules.experts.identity import mask_resident_id


@login_required
@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    require(can_evaluate(request.user))
    invitations = list(visible_invitations(request.user).select_related("draw__call").order_by("-created_at"))
    for invitation in invitations:
        invitation.answerable = bool(can_answer_invitation(request.user, invitation))  # type: ignore[attr-defined]
        invitation.applications = review_list(invitation.draw).count()  # type: ignore[attr-defined]
    seats = visible_seats(request.user).select_related("application__call", "application__enterprise")
    context = {
        "pending": [i for i in invitations if i.status == InvitationStatus.PENDING],
        "answered": [i for i in invitations if i.status != InvitationStatus.PENDING],
        "to_declare": [s for s in seats if s.declared_at is None],
        "sections": sections(request),
    }
    return render(request, "experts/home.html", context)


@login_required
@require_GET
def my_record(request: AuthedRequest) -> HttpResponse:
    require(can_evaluate(request.user))
    expert = expert_of(request.user)
    if expert is None:
        raise PermissionDenied(_("您的账号尚未关联专家库记录，请联系省工信厅"))
    return render(
        request, "experts/my_record.html", {"expert": expert, "masked_id": mask_resident_id(expert.resident_id)}
    )


@login_required
@require_POST
def accept(request: AuthedRequest, pk: int) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, pk)
    actions.do_accept_invitation(invitation, actor=request.user)
    messages.success(request, _("已接受邀请。分配评审任务后，请逐项声明有无利害关系"))
    return redirect("experts:home")


@login_required
@require_http_methods(["GET", "POST"])
def decline(request: AuthedRequest, pk: int) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, pk)
    decision = can_answer_invitation(request.user, invitation)
    form = DeclineForm(posted(request))
    if request.method == "POST" and decision and form.is_valid():
        try:
            actions.do_decline_invitation(invitation, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已谢绝邀请，感谢您的答复"))
            return redirect("experts:home")
    context = {"invitation": invitation, "form": form, "decision": decision}
    status = 403 if request.method == "POST" and not decision else form_status(request, form)
    return render(request, "experts/decline.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def declare(request: AuthedRequest, pk: int) -> HttpResponse:
    """The statement on one seat: no conflict (the application opens) or a conflict (the seat is refilled)."""
    seat = get_seat_for_user(request.user, pk)
    decision = can_declare_on_seat(request.user, seat)
    if seat.declared_at is not None:
        return redirect("scoring:score", pk=seat.pk)
    form = DeclarationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        require(decision)
        try:
            if form.cleaned_data["answer"] == DeclarationForm.NONE:
                actions.do_declare_no_conflict(seat, actor=request.user)
            else:
                actions.do_declare_conflict(
                    seat, kind=form.cleaned_data["kind"], evidence=form.cleaned_data["evidence"], actor=request.user
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if form.cleaned_data["answer"] == DeclarationForm.NONE:
                messages.success(request, _("已声明无利害关系，现在可以查看申报材料并评分"))
                return redirect("scoring:score", pk=seat.pk)
            messages.success(request, _("已记录回避，该项申报将改由其他专家评审"))
            return redirect("experts:home")
    context = {"seat": seat, "form": form, "kinds": list(ConflictKind)}
    return render(request, "experts/declare.html", context, status=form_status(request, form))
