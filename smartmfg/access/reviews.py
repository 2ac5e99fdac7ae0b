"""The bureaus' initial review and recommendation letters (第四条、第八条)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from smartmfg.access.applications import visible_applications
from smartmfg.access.core import ALLOW, AnyUser, Decision, deny, get_or_404
from smartmfg.accounts.identity import bureau_of, roles_held
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application
from smartmfg.reviews.models import LetterStatus, RecommendationLetter
from smartmfg.workflow.permissions import acts_for


def held_applications(user: AnyUser) -> QuerySet[Application]:
    """What the user's bureau holds now (its own or a lower bureau's): what it may act on."""
    bureau = bureau_of(user)
    if bureau is None:
        return Application.objects.none()
    return visible_applications(user).filter(holder__path__startswith=bureau.path)


# Who judges each ``manual`` rule, and in which states (domain.md §3).
JUDGED_RULES: dict[str, tuple[Role, frozenset[str]]] = {
    "operations_finance": (Role.BUREAU, frozenset({"submitted"})),
    "technical_merit": (Role.DEPARTMENT, frozenset({"expert_review", "expert_recommended"})),
}


def can_record_judgement(user: AnyUser, application: Application, rule: str) -> Decision:
    """第四条: the bureau holding it judges operations and finances at the initial review;
    第五条至第七条第3款: the Department records the technical merit during the expert stage."""
    if rule not in JUDGED_RULES:
        return deny(_("该条件由系统判定，无需人工判断"))
    role, states = JUDGED_RULES[rule]
    decision = acts_for(user, application, role)
    if not decision:
        return decision
    if application.status not in states:
        return deny(_("当前状态（%(status)s）不能录入该判断") % {"status": application.get_status_display()})
    return ALLOW


def visible_letters(user: AnyUser) -> QuerySet[RecommendationLetter]:
    """Recommendation letters: the sender sees its own (drafts included); the recipient bureau
    and the Department see them once sent."""
    query = Q(pk__in=[])
    if (bureau := bureau_of(user)) is not None:
        query |= Q(sender=bureau) | Q(recipient=bureau, status=LetterStatus.SENT)
    if Role.DEPARTMENT in roles_held(user):
        query |= Q(status=LetterStatus.SENT)
    return RecommendationLetter.objects.filter(query)


def get_letter_for_user(user: AnyUser, pk: int) -> RecommendationLetter:
    return get_or_404(visible_letters(user).select_related("call", "sender", "recipient", "created_by", "sent_by"), pk)


def can_draft_letter(user: AnyUser) -> Decision:
    """第八条: a bureau reports what it passed by letter; the Department receives them."""
    bureau = bureau_of(user)
    if bureau is None or bureau.parent_id is None:
        return deny(_("只有属地工信部门可以拟制推荐函"))
    return ALLOW


def can_change_letter(user: AnyUser, letter: RecommendationLetter) -> Decision:
    """Editing, sending or voiding a draft: the sending bureau's own reviewers only."""
    bureau = bureau_of(user)
    if bureau is None or bureau.pk != letter.sender_id:
        return deny(_("只有拟稿部门可以修改或报送推荐函"))
    if letter.status != LetterStatus.DRAFT:
        return deny(_("推荐函当前为“%(status)s”，不能再修改") % {"status": letter.get_status_display()})
    return ALLOW
