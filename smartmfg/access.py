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

from typing import TYPE_CHECKING, Any, NamedTuple

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role, roles_of
from smartmfg.applications.models import Application
from smartmfg.calls.models import Call, CallStatus
from smartmfg.enterprises.models import Enterprise
from smartmfg.jurisdictions.models import Jurisdiction

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


# ---------------------------------------------------------------- role gates


def require_role(user: AnyUser, *roles: Role) -> None:
    """Pages of a role's workspace: anyone else gets 403 (they exist, but not for you)."""
    if not set(roles) & set(_roles(user)):
        raise PermissionDenied(str(_("您没有访问此页面的权限")))
