"""Who may see and do what: the one place that answers it.

Three kinds of helpers, used by every view, API endpoint and queryset:

- ``visible_<nouns>(user)``: the queryset of what ``user`` may see;
- ``get_<noun>_for_user(user, pk)``: one object, or ``Http404`` exactly as
  if it did not exist when the user may not see it;
- ``can_<action>(user, obj) -> Decision``: whether the user may act, and if
  not, why (the reason is shown on the disabled button); ``require`` turns a
  refusal into ``PermissionDenied``.

Workflow steps are allowed by the workflow table (``applications.workflow``);
``can_take`` here asks it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role, roles_of
from smartmfg.applications.models import Application
from smartmfg.calls.models import Call, CallStatus
from smartmfg.enterprises.models import Enterprise, Revocation
from smartmfg.evaluations.models import Deliberation
from smartmfg.jurisdictions.models import Jurisdiction
from smartmfg.notices.models import Objection, Publication, PublicNotice
from smartmfg.reviews.models import LetterStatus, RecommendationLetter

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    AnyUser = User | AnonymousUser
else:
    AnyUser = Any


class Decision(NamedTuple):
    allowed: bool
    reason: str | Promise = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason: str | Promise) -> Decision:
    return Decision(False, reason)


def require(decision: Decision) -> None:
    """Raise ``PermissionDenied`` with the reason when the decision is a refusal."""
    if not decision.allowed:
        raise PermissionDenied(str(decision.reason))


def _account(user: AnyUser) -> User | None:
    """The signed-in, active user, or None for the anonymous visitor."""
    return user if isinstance(user, User) and user.is_authenticated and user.is_active else None


def _roles(user: AnyUser) -> list[Role]:
    account = _account(user)
    return roles_of(account) if account else []


def _enterprise_id(user: AnyUser) -> int | None:
    account = _account(user)
    return account.enterprise_id if account and Role.ENTERPRISE in roles_of(account) else None


def _bureau(user: AnyUser) -> Jurisdiction | None:
    """The jurisdiction a bureau reviewer works for."""
    account = _account(user)
    return account.jurisdiction if account and Role.BUREAU in roles_of(account) else None


# ---------------------------------------------------------------- applications


def visible_applications(user: AnyUser) -> QuerySet[Application]:
    """Applications ``user`` may open.

    An enterprise sees its own, drafts included. Bureaus see what was
    submitted in their jurisdiction and below; the Department sees every
    submitted application. A draft never submitted is the enterprise's alone.
    """
    query = Q(pk__in=[])
    if (enterprise_id := _enterprise_id(user)) is not None:
        query |= Q(enterprise_id=enterprise_id)
    if (bureau := _bureau(user)) is not None:
        query |= Q(jurisdiction__path__startswith=bureau.path, submission_count__gt=0)
    if Role.DEPARTMENT in _roles(user):
        query |= Q(submission_count__gt=0)
    return Application.objects.filter(query)


def get_application_for_user(user: AnyUser, pk: int) -> Application:
    try:
        return visible_applications(user).select_related("call", "enterprise", "jurisdiction").get(pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None


def can_edit_application(user: AnyUser, application: Application) -> Decision:
    """Only the applying enterprise, and only while the application is in its hands."""
    if _enterprise_id(user) is None or application.enterprise_id != _enterprise_id(user):
        return deny(_("只有申报企业可以修改申报材料"))
    if not application.is_editable:
        return deny(_("申报已提交，当前状态下不能修改"))
    return ALLOW


def can_start_application(user: AnyUser, call: Call, tier: str) -> Decision:
    """Art. 8: an enterprise starts one application per tier of a call, while the call accepts them."""
    enterprise_id = _enterprise_id(user)
    if enterprise_id is None:
        return deny(_("只有申报企业可以发起申报"))
    if call.status == CallStatus.DRAFT or not call.offers(tier):
        return deny(_("本批次不受理该类别的申报"))
    if not call.accepts_submissions():
        return deny(_("不在本批次的申报时间内"))
    existing = Application.objects.filter(call=call, enterprise_id=enterprise_id, tier=tier).first()
    if existing is not None:
        return deny(_("本企业已在本批次申报该类别（%(reference)s）") % {"reference": existing.reference})
    return ALLOW


def acts_for(user: AnyUser, application: Application, role: Role) -> Decision:
    """Whether ``user`` may act on ``application`` in ``role`` (own enterprise, own subtree)."""
    if role not in _roles(user):
        return deny(_("此事项需由%(role)s办理") % {"role": role.label})
    if role is Role.ENTERPRISE and application.enterprise_id != _enterprise_id(user):
        return deny(_("只能办理本企业的申报"))
    if role is Role.BUREAU:
        holder = application.holder
        bureau = _bureau(user)
        if holder is None:
            return deny(_("该申报当前不在属地工信部门办理"))
        if bureau is None or not bureau.contains(holder):
            return deny(_("该申报不在本部门办理范围内"))
    return ALLOW


def can_take(user: AnyUser, application: Application, action: str) -> Decision:
    """Whether the workflow table lets ``user`` take ``action`` now, and if not why."""
    from smartmfg.applications import workflow

    step = workflow.step(action)
    decision = acts_for(user, application, step.role)
    if not decision:
        return decision
    if application.status not in step.sources:
        return deny(
            _("当前状态（%(status)s）不能办理“%(action)s”")
            % {"status": application.get_status_display(), "action": step.label}
        )
    account = _account(user)
    return step.guard(application, account) if step.guard and account else ALLOW


def available_steps(user: AnyUser, application: Application) -> list[tuple[Any, Decision]]:
    """The steps of the user's roles from the current state, each with whether it may be taken now."""
    from smartmfg.applications import workflow

    roles = _roles(user)
    steps = [s for s in workflow.steps_from(application.status) if s.role in roles]
    return [(s, can_take(user, application, s.action)) for s in steps]


# ----------------------------------------------------------------- enterprises


def visible_enterprises(user: AnyUser) -> QuerySet[Enterprise]:
    query = Q(pk__in=[])
    if (enterprise_id := _enterprise_id(user)) is not None:
        query |= Q(pk=enterprise_id)
    if (bureau := _bureau(user)) is not None:
        query |= Q(jurisdiction__path__startswith=bureau.path)
    if Role.DEPARTMENT in _roles(user):
        query = Q()
    return Enterprise.objects.filter(query)


def get_enterprise_for_user(user: AnyUser, pk: int) -> Enterprise:
    try:
        return visible_enterprises(user).select_related("jurisdiction").get(pk=pk)
    except Enterprise.DoesNotExist:
        raise Http404 from None


def can_edit_enterprise(user: AnyUser, enterprise: Enterprise) -> Decision:
    if _enterprise_id(user) == enterprise.pk:
        return ALLOW
    return deny(_("只有企业本身可以修改企业信息"))


def can_record_about_enterprise(user: AnyUser, enterprise: Enterprise) -> Decision:
    """Credit checks, unlawful acts and incidents are recorded by the authorities."""
    if Role.DEPARTMENT in _roles(user):
        return ALLOW
    bureau = _bureau(user)
    if bureau is not None and bureau.contains(enterprise.jurisdiction):
        return ALLOW
    return deny(_("只有属地工信部门和省工信厅可以录入信用核查等记录"))


# ----------------------------------------------------------------------- calls


def visible_calls(user: AnyUser) -> QuerySet[Call]:
    """The public sees published calls; the Department also its drafts."""
    if Role.DEPARTMENT in _roles(user):
        return Call.objects.all()
    return Call.objects.exclude(status=CallStatus.DRAFT)


def get_call_for_user(user: AnyUser, pk: int) -> Call:
    try:
        return visible_calls(user).get(pk=pk)
    except Call.DoesNotExist:
        raise Http404 from None


def can_manage_calls(user: AnyUser) -> Decision:
    if Role.DEPARTMENT in _roles(user):
        return ALLOW
    return deny(_("只有省工信厅可以管理申报批次"))


def can_open_call(user: AnyUser, call: Call) -> Decision:
    """Art. 8: the Department publishes a call once, from its draft."""
    decision = can_manage_calls(user)
    if decision and call.status != CallStatus.DRAFT:
        return deny(_("只有草稿状态的批次可以发布（当前：%(status)s）") % {"status": call.get_status_display()})
    return decision


def can_close_call(user: AnyUser, call: Call) -> Decision:
    decision = can_manage_calls(user)
    if decision and call.status != CallStatus.OPEN:
        return deny(_("只有已发布的批次可以结束（当前：%(status)s）") % {"status": call.get_status_display()})
    return decision


def can_manage_api_tokens(user: AnyUser) -> Decision:
    """Tokens let another system act as a user: administrators issue and revoke them."""
    if Role.ADMIN in _roles(user):
        return ALLOW
    return deny(_("只有系统管理员可以签发或吊销接口令牌"))


def can_import_applications(user: AnyUser, call: Call) -> Decision:
    """Applications received on paper or from another system are entered by the Department,
    into a published call (open or closed: paper arrives late)."""
    decision = can_manage_calls(user)
    if decision and call.status == CallStatus.DRAFT:
        return deny(_("批次尚未发布，不能导入申报"))
    return decision


# ------------------------------------ the bureaus' review and letters (Art. 4, 8)


def held_applications(user: AnyUser) -> QuerySet[Application]:
    """What the user's bureau holds now (its own or a lower bureau's): what it may act on."""
    bureau = _bureau(user)
    if bureau is None:
        return Application.objects.none()
    return visible_applications(user).filter(holder__path__startswith=bureau.path)


# Who judges each ``manual`` rule, and in which states (domain.md §3).
JUDGED_RULES: dict[str, tuple[Role, frozenset[str]]] = {
    "operations_finance": (Role.BUREAU, frozenset({"submitted"})),
    "technical_merit": (Role.DEPARTMENT, frozenset({"expert_review", "expert_recommended"})),
}


def can_record_judgement(user: AnyUser, application: Application, rule: str) -> Decision:
    """Art. 4: the bureau holding it judges operations and finances at the initial review;
    Art. 5-7 §3: the Department records the technical merit during the expert stage."""
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
    if (bureau := _bureau(user)) is not None:
        query |= Q(sender=bureau) | Q(recipient=bureau, status=LetterStatus.SENT)
    if Role.DEPARTMENT in _roles(user):
        query |= Q(status=LetterStatus.SENT)
    return RecommendationLetter.objects.filter(query)


def get_letter_for_user(user: AnyUser, pk: int) -> RecommendationLetter:
    try:
        return visible_letters(user).select_related("call", "sender", "recipient", "created_by", "sent_by").get(pk=pk)
    except RecommendationLetter.DoesNotExist:
        raise Http404 from None


def can_draft_letter(user: AnyUser) -> Decision:
    """Art. 8: a bureau reports what it passed by letter; the Department receives them."""
    bureau = _bureau(user)
    if bureau is None or bureau.parent_id is None:
        return deny(_("只有属地工信部门可以拟制推荐函"))
    return ALLOW


def can_change_letter(user: AnyUser, letter: RecommendationLetter) -> Decision:
    """Editing, sending or voiding a draft: the sending bureau's own reviewers only."""
    bureau = _bureau(user)
    if bureau is None or bureau.pk != letter.sender_id:
        return deny(_("只有拟稿部门可以修改或报送推荐函"))
    if letter.status != LetterStatus.DRAFT:
        return deny(_("推荐函当前为“%(status)s”，不能再修改") % {"status": letter.get_status_display()})
    return ALLOW


# ------------------------------------------- the Department's stages (Art. 9-12)


def can_run_stages(user: AnyUser) -> Decision:
    """Re-review, expert stage, deliberation, notice, publication and revocation (Art. 9-12)."""
    if Role.DEPARTMENT in _roles(user):
        return ALLOW
    return deny(_("只有省工信厅可以办理复审、评审、审议、公示、公布和撤销认定"))


M = TypeVar("M", bound=Model)


def _department_only(user: AnyUser, queryset: QuerySet[M]) -> QuerySet[M]:
    return queryset if Role.DEPARTMENT in _roles(user) else queryset.none()


def visible_deliberations(user: AnyUser) -> QuerySet[Deliberation]:
    return _department_only(user, Deliberation.objects.all())


def get_deliberation_for_user(user: AnyUser, pk: int) -> Deliberation:
    try:
        return visible_deliberations(user).select_related("call", "decided_by").get(pk=pk)
    except Deliberation.DoesNotExist:
        raise Http404 from None


def visible_notices(user: AnyUser) -> QuerySet[PublicNotice]:
    """The Department's notices (the public's pages come with their own issue)."""
    return _department_only(user, PublicNotice.objects.all())


def get_notice_for_user(user: AnyUser, pk: int) -> PublicNotice:
    try:
        return visible_notices(user).select_related("call").get(pk=pk)
    except PublicNotice.DoesNotExist:
        raise Http404 from None


def get_objection_for_user(user: AnyUser, pk: int) -> Objection:
    try:
        return (
            _department_only(user, Objection.objects.all()).select_related("notice", "application__call").get(pk=pk)
        )
    except Objection.DoesNotExist:
        raise Http404 from None


def visible_publications(user: AnyUser) -> QuerySet[Publication]:
    """Published lists are public documents (Art. 10): everyone reads them."""
    return Publication.objects.all()


def get_publication_for_user(user: AnyUser, pk: int) -> Publication:
    try:
        return visible_publications(user).select_related("call").get(pk=pk)
    except Publication.DoesNotExist:
        raise Http404 from None


def visible_revocations(user: AnyUser) -> QuerySet[Revocation]:
    return _department_only(user, Revocation.objects.all())


def get_revocation_for_user(user: AnyUser, pk: int) -> Revocation:
    try:
        return visible_revocations(user).select_related("enterprise", "application").get(pk=pk)
    except Revocation.DoesNotExist:
        raise Http404 from None


# ---------------------------------------------------------------- role gates


def require_role(user: AnyUser, *roles: Role) -> None:
    """Pages of a role's workspace: anyone else gets 403 (they exist, but not for you)."""
    if not set(roles) & set(_roles(user)):
        raise PermissionDenied(str(_("您没有访问此页面的权限")))
