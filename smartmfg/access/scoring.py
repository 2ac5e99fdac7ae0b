"""Who sees the scoring sheets, the experts' scores and the panel's conclusion (第九条).

The Department sees everything. An expert sees their own scores, and
scores only on a seat they declared no conflict for. Nobody sees another
expert's scores or identity before submitting their own; after that, only
the panel leader (组长) does, once they have submitted every score of
their own in the round. Enterprises, bureaus and the public see none of it.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartmfg.access.core import ALLOW, AnyUser, Decision, deny, get_or_404
from smartmfg.access.experts import _expert_account, can_manage_experts
from smartmfg.accounts.identity import roles_held
from smartmfg.accounts.roles import Role
from smartmfg.experts.models import Seat, SeatStatus
from smartmfg.scoring.models import Conclusion, ReviewRound, Score

__all__ = [
    "can_confirm_conclusion",
    "can_lead_panel",
    "can_manage_scoring",
    "can_score",
    "can_see_panel_scores",
    "get_conclusion_for_user",
    "get_round_for_user",
    "get_score_for_user",
    "led_rounds",
    "visible_rounds",
    "visible_scores",
]


def can_manage_scoring(user: AnyUser) -> Decision:
    """Sheets, the review's opening, deadlines, replacements, the leader and the confirmation are the Department's."""
    return can_manage_experts(user)


def visible_rounds(user: AnyUser) -> QuerySet[ReviewRound]:
    """The Department's every review; a panel leader's own (their panel's page)."""
    if Role.DEPARTMENT in roles_held(user):
        return ReviewRound.objects.all()
    return led_rounds(user)


def led_rounds(user: AnyUser) -> QuerySet[ReviewRound]:
    if (account := _expert_account(user)) is not None:
        return ReviewRound.objects.filter(leader__user_id=account)
    return ReviewRound.objects.none()


def get_round_for_user(user: AnyUser, pk: int) -> ReviewRound:
    return get_or_404(visible_rounds(user).select_related("draw__call", "leader"), pk)


def visible_scores(user: AnyUser) -> QuerySet[Score]:
    """The Department's every score; an expert's own (the others' through ``can_see_panel_scores`` only)."""
    if Role.DEPARTMENT in roles_held(user):
        return Score.objects.all()
    if (account := _expert_account(user)) is not None:
        return Score.objects.filter(seat__expert__user_id=account)
    return Score.objects.none()


def get_score_for_user(user: AnyUser, pk: int) -> Score:
    return get_or_404(
        visible_scores(user).select_related("seat__application__call", "seat__expert", "sheet", "round"), pk
    )


def can_score(user: AnyUser, seat: Seat, review: ReviewRound | None, score: Score | None) -> Decision:
    """The seated expert, after declaring no conflict, once the review is open, until their deadline, once."""
    if seat.expert.user_id != _expert_account(user) or seat.status != SeatStatus.ACTIVE:
        return deny(_("只有分配到该项申报的专家本人可以评分"))
    if seat.declared_at is None:
        return deny(_("请先声明与该企业无利害关系"))
    if review is None:
        return deny(_("省工信厅尚未启动评分"))
    if score is not None and score.is_submitted:
        return deny(_("评分已提交，不能再修改"))
    if timezone.now() > review.due_for(seat.expert):
        return deny(_("评分截止时间已过，如需延期请联系省工信厅"))
    return ALLOW


def can_lead_panel(user: AnyUser, review: ReviewRound) -> Decision:
    if review.leader_id is None or review.leader is None or review.leader.user_id != _expert_account(user):
        return deny(_("只有专家组组长可以查看和提出专家组结论"))
    return ALLOW


def can_see_panel_scores(user: AnyUser, review: ReviewRound) -> Decision:
    """The Department; the leader once every score of their own in the round is submitted."""
    if Role.DEPARTMENT in roles_held(user):
        return ALLOW
    decision = can_lead_panel(user, review)
    if not decision:
        return decision
    own = review.draw.seats.filter(expert=review.leader, status=SeatStatus.ACTIVE)
    if Score.objects.filter(seat__in=own, submitted_at__isnull=False).count() < own.count():
        return deny(_("请先提交您本人的全部评分，再查看其他专家的评分"))
    return ALLOW


def can_confirm_conclusion(user: AnyUser, conclusion: Conclusion) -> Decision:
    decision = can_manage_scoring(user)
    if not decision:
        return decision
    if conclusion.confirmed_at is not None:
        return deny(_("该结论已确认"))
    return ALLOW


def get_conclusion_for_user(user: AnyUser, pk: int) -> Conclusion:
    if Role.DEPARTMENT in roles_held(user):
        return get_or_404(Conclusion.objects.select_related("round__draw__call", "application"), pk)
    return get_or_404(Conclusion.objects.none(), pk)
