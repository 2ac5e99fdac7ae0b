"""Who may see and manage calls, import applications and issue API tokens."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from smartmfg.access.core import ALLOW, AnyUser, Decision, deny, get_or_404
from smartmfg.accounts.identity import roles_held
from smartmfg.accounts.roles import Role
from smartmfg.calls.models import Call, CallStatus


def visible_calls(user: AnyUser) -> QuerySet[Call]:
    """The public sees published calls; the Department also its drafts."""
    if Role.DEPARTMENT in roles_held(user):
        return Call.objects.all()
    return Call.objects.exclude(status=CallStatus.DRAFT)


def get_call_for_user(user: AnyUser, pk: int) -> Call:
    return get_or_404(visible_calls(user), pk)


def can_manage_calls(user: AnyUser) -> Decision:
    if Role.DEPARTMENT in roles_held(user):
        return ALLOW
    return deny(_("只有省工信厅可以管理申报批次"))


def can_open_call(user: AnyUser, call: Call) -> Decision:
    """第八条: the Department publishes a call once, from its draft."""
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
    if Role.ADMIN in roles_held(user):
        return ALLOW
    return deny(_("只有系统管理员可以签发或吊销接口令牌"))


def can_import_applications(user: AnyUser, call: Call) -> Decision:
    """Applications received on paper or from another system are entered by the Department,
    into a published call (open or closed: paper arrives late)."""
    decision = can_manage_calls(user)
    if decision and call.status == CallStatus.DRAFT:
        return deny(_("批次尚未发布，不能导入申报"))
    return decision
