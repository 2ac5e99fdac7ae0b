"""Who sees the expert pool, the draws and the panels (第九条).

The Department sees everything. An expert sees their own record, their own
invitations and seats, and an application only through a standing seat on
which they declared no conflict. Enterprises, bureaus and the public never
see who reviewed an application: nothing here gives them an expert.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartmfg.access.core import ALLOW, AnyUser, Decision, deny, get_or_404
from smartmfg.accounts.identity import account_of, roles_held
from smartmfg.accounts.roles import Role
from smartmfg.experts.models import Draw, DrawStatus, Expert, Invitation, InvitationStatus, Seat, SeatStatus
from smartmfg.notices.models import Publication


def can_manage_experts(user: AnyUser) -> Decision:
    """The pool, conflicts, draws, assignments and ratings are the Department's (第九条)."""
    if Role.DEPARTMENT in roles_held(user):
        return ALLOW
    return deny(_("只有省工信厅可以管理专家库、抽取和分配评审专家"))


def _expert_account(user: AnyUser) -> int | None:
    account = account_of(user)
    return account.pk if account and Role.EXPERT in roles_held(user) else None


def visible_experts(user: AnyUser) -> QuerySet[Expert]:
    if Role.DEPARTMENT in roles_held(user):
        return Expert.objects.all()
    if (account := _expert_account(user)) is not None:
        return Expert.objects.filter(user_id=account)
    return Expert.objects.none()


def get_expert_for_user(user: AnyUser, pk: int) -> Expert:
    return get_or_404(visible_experts(user).select_related("group", "user"), pk)


def expert_of(user: AnyUser) -> Expert | None:
    """The pool record of a signed-in expert (None for anyone else)."""
    account = _expert_account(user)
    return Expert.objects.filter(user_id=account).select_related("group").first() if account else None


def visible_draws(user: AnyUser) -> QuerySet[Draw]:
    return Draw.objects.all() if Role.DEPARTMENT in roles_held(user) else Draw.objects.none()


def get_draw_for_user(user: AnyUser, pk: int) -> Draw:
    return get_or_404(visible_draws(user).select_related("call"), pk)


def visible_draw_records(user: AnyUser) -> QuerySet[Draw]:
    """Draw records anyone may read once the call's result is published (第十条): codes, never names."""
    published = Publication.objects.values("call_id")
    return Draw.objects.filter(status=DrawStatus.DRAWN, call_id__in=published)


def get_draw_record_for_user(user: AnyUser, pk: int) -> Draw:
    return get_or_404(visible_draw_records(user), pk)


def visible_invitations(user: AnyUser) -> QuerySet[Invitation]:
    """An expert's own invitations (the Department reads them on the draw's page)."""
    if (account := _expert_account(user)) is not None:
        return Invitation.objects.filter(expert__user_id=account)
    return Invitation.objects.none()


def get_invitation_for_user(user: AnyUser, pk: int) -> Invitation:
    return get_or_404(visible_invitations(user).select_related("draw__call", "expert"), pk)


def can_answer_invitation(user: AnyUser, invitation: Invitation) -> Decision:
    """The invited expert, once, before the deadline (silence past it counts as a decline)."""
    if invitation.expert.user_id != _expert_account(user):
        return deny(_("只有受邀专家本人可以答复邀请"))
    if invitation.status != InvitationStatus.PENDING:
        return deny(_("该邀请已答复"))
    if timezone.now() > invitation.answer_by:
        return deny(_("答复期限已过，视为谢绝"))
    return ALLOW


def visible_seats(user: AnyUser) -> QuerySet[Seat]:
    """An expert's own standing seats."""
    if (account := _expert_account(user)) is not None:
        return Seat.objects.filter(expert__user_id=account, status=SeatStatus.ACTIVE)
    return Seat.objects.none()


def get_seat_for_user(user: AnyUser, pk: int) -> Seat:
    return get_or_404(visible_seats(user).select_related("application__call", "application__enterprise"), pk)


def can_declare_on_seat(user: AnyUser, seat: Seat) -> Decision:
    """Before any material opens, the expert states whether they have a conflict (once)."""
    if seat.expert.user_id != _expert_account(user) or seat.status != SeatStatus.ACTIVE:
        return deny(_("只有分配到该项申报的专家本人可以声明"))
    if seat.declared_at is not None:
        return deny(_("已声明与该企业无利害关系"))
    return ALLOW


def expert_application_query(user: AnyUser) -> Q:
    """The applications an expert may open: a standing seat with no conflict declared."""
    if (account := _expert_account(user)) is None:
        return Q(pk__in=[])
    seats = Seat.objects.filter(expert__user_id=account, status=SeatStatus.ACTIVE, declared_at__isnull=False)
    return Q(pk__in=seats.values("application_id"))
