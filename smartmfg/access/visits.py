"""Who sees and reports the on-site spot checks made by experts (第九条).

The Department sees every visit and decides which applications get one
(the spot draw, picks with a reason, scheduling). An expert sees only the
visits they are a member of, fills the checklist as a draft until the first
signature, and signs once the visit's day has come. Enterprises, bureaus and
the public see nothing of a visit (404), and an application's history names
no expert to anyone but the Department.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartmfg.access.core import ALLOW, AnyUser, Decision, deny, get_or_404
from smartmfg.accounts.identity import account_of, roles_held
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application
from smartmfg.visits.models import REVIEW_STATES, ChecklistItem, SpotDraw, Visit, VisitMember, VisitPhoto, VisitStatus
from smartmfg.workflow.permissions import can_take

__all__ = [
    "can_edit_visit",
    "can_manage_visits",
    "can_pick_for_visit",
    "can_schedule_visit",
    "can_see_expert_names",
    "can_sign_visit",
    "get_checklist_item_for_user",
    "get_member_visit_for_user",
    "get_spot_draw_for_user",
    "get_visit_for_user",
    "get_visit_photo_for_user",
    "membership_of",
    "visible_spot_draws",
    "visible_visit_photos",
    "visible_visits",
]


def _is_department(user: AnyUser) -> bool:
    return Role.DEPARTMENT in roles_held(user)


def _expert_account(user: AnyUser) -> int | None:
    account = account_of(user)
    return account.pk if account and Role.EXPERT in roles_held(user) else None


def can_manage_visits(user: AnyUser) -> Decision:
    """The spot draw, the picks, the scheduling and the visits' records are the Department's (第九条)."""
    if _is_department(user):
        return ALLOW
    return deny(_("只有省工信厅可以安排现场抽查"))


def can_see_expert_names(user: AnyUser) -> Decision:
    """Domain.md §7: the experts' names are kept from the parties; only the Department reads them."""
    if _is_department(user):
        return ALLOW
    return deny(_("评审专家的姓名不公开"))


def visible_spot_draws(user: AnyUser) -> QuerySet[SpotDraw]:
    return SpotDraw.objects.all() if _is_department(user) else SpotDraw.objects.none()


def get_spot_draw_for_user(user: AnyUser, pk: int) -> SpotDraw:
    return get_or_404(visible_spot_draws(user).select_related("call"), pk)


def visible_visits(user: AnyUser) -> QuerySet[Visit]:
    """Every visit for the Department; an expert's own visits (as a member); nothing for anyone else."""
    if _is_department(user):
        return Visit.objects.all()
    if (account := _expert_account(user)) is not None:
        return Visit.objects.filter(members__expert__user_id=account)
    return Visit.objects.none()


def get_visit_for_user(user: AnyUser, pk: int) -> Visit:
    return get_or_404(visible_visits(user).select_related("application__enterprise", "spot_check"), pk)


def _member_visits(user: AnyUser) -> QuerySet[Visit]:
    account = _expert_account(user)
    return Visit.objects.filter(members__expert__user_id=account) if account else Visit.objects.none()


def get_member_visit_for_user(user: AnyUser, pk: int) -> Visit:
    """A visit on the expert's own pages: only its members reach it (the Department reads its own page)."""
    return get_or_404(_member_visits(user).select_related("application__enterprise", "spot_check"), pk)


def get_checklist_item_for_user(user: AnyUser, pk: int) -> ChecklistItem:
    """An item of one of the expert's own visits."""
    return get_or_404(ChecklistItem.objects.filter(visit__in=_member_visits(user)).select_related("visit"), pk)


def visible_visit_photos(user: AnyUser) -> QuerySet[VisitPhoto]:
    return VisitPhoto.objects.filter(item__visit__in=visible_visits(user))


def get_visit_photo_for_user(user: AnyUser, pk: int) -> VisitPhoto:
    return get_or_404(visible_visit_photos(user).select_related("item__visit"), pk)


def membership_of(user: AnyUser, visit: Visit) -> VisitMember | None:
    """The signed-in expert's place on ``visit``, or None."""
    account = _expert_account(user)
    if account is None:
        return None
    return visit.members.filter(expert__user_id=account).first()


def can_edit_visit(user: AnyUser, visit: Visit) -> Decision:
    """A member changes the checklist (results, notes, photos) until the first signature."""
    if membership_of(user, visit) is None:
        return deny(_("只有参加该项抽查的专家可以填写抽查情况"))
    if visit.status == VisitStatus.REPORTED:
        return deny(_("抽查报告已提交，不能再修改"))
    if visit.status == VisitStatus.SIGNING:
        return deny(_("已有专家签署，抽查情况不能再修改"))
    return ALLOW


def can_sign_visit(user: AnyUser, visit: Visit) -> Decision:
    """Each member signs once, on or after the visit's day; the last signature reports the visit."""
    member = membership_of(user, visit)
    if member is None:
        return deny(_("只有参加该项抽查的专家可以签署"))
    if visit.status == VisitStatus.REPORTED:
        return deny(_("抽查报告已提交"))
    if member.signed_at is not None:
        return deny(_("您已签署"))
    if timezone.localdate() < visit.visit_on:
        return deny(_("抽查日期（%(day)s）之前不能签署") % {"day": visit.visit_on.isoformat()})
    return ALLOW


def can_pick_for_visit(user: AnyUser, application: Application) -> Decision:
    """The Department adds an application of the review list to the spot checks, with its reason."""
    if not (decision := can_manage_visits(user)):
        return decision
    if application.status not in REVIEW_STATES:
        return deny(_("只能选定处于专家评审阶段的申报"))
    if application.spot_selections.exists():
        return deny(_("该申报已是抽查对象"))
    return ALLOW


def can_schedule_visit(user: AnyUser, application: Application) -> Decision:
    """A visit is scheduled for an application drawn or picked, when the step 安排现场抽查 may be taken."""
    if not (decision := can_manage_visits(user)):
        return decision
    if not application.spot_selections.exists():
        return deny(_("该申报不是抽查对象：请先随机抽取，或说明理由选定"))
    return can_take(user, application, "order_spot_check")
