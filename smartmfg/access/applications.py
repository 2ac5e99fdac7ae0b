"""Who may see an application, edit it, start one, and take a step of the workflow."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartmfg.access.core import ALLOW, AnyUser, Decision, deny, get_or_404
from smartmfg.access.experts import expert_application_query
from smartmfg.accounts.identity import bureau_of, enterprise_id_of, roles_held
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application
from smartmfg.calls.models import Call, CallStatus
from smartmfg.enterprises.models import Revocation
from smartmfg.lib.choices import current_lang
from smartmfg.rules import facts as core
from smartmfg.rules.checks.conduct import ban_in_force


def visible_applications(user: AnyUser) -> QuerySet[Application]:
    """Applications ``user`` may open.

    An enterprise sees its own, drafts included. Bureaus see what was
    submitted in their jurisdiction and below; the Department sees every
    submitted application. An expert sees what they sit on, once they declared
    no conflict with it (第九条). A draft never submitted is the enterprise's alone.
    """
    query = Q(pk__in=[])
    if (enterprise_id := enterprise_id_of(user)) is not None:
        query |= Q(enterprise_id=enterprise_id)
    if (bureau := bureau_of(user)) is not None:
        query |= Q(jurisdiction__path__startswith=bureau.path, submission_count__gt=0)
    if Role.DEPARTMENT in roles_held(user):
        query |= Q(submission_count__gt=0)
    if Role.EXPERT in roles_held(user):
        query |= expert_application_query(user)
    return Application.objects.filter(query)


def get_application_for_user(user: AnyUser, pk: int) -> Application:
    return get_or_404(visible_applications(user).select_related("call", "enterprise", "jurisdiction"), pk)


def can_edit_application(user: AnyUser, application: Application) -> Decision:
    """Only the applying enterprise, and only while the application is in its hands."""
    if enterprise_id_of(user) is None or application.enterprise_id != enterprise_id_of(user):
        return deny(_("只有申报企业可以修改申报材料"))
    if not application.is_editable:
        return deny(_("申报已提交，当前状态下不能修改"))
    return ALLOW


def can_start_application(user: AnyUser, call: Call, tier: str, *, ban: str | None = None) -> Decision:
    """第八条: an enterprise starts one application per tier of a call, while the call accepts them;
    第十二条: not while a revocation for fraud bans it (``ban``: ``enterprise_ban``, when already known)."""
    enterprise_id = enterprise_id_of(user)
    if enterprise_id is None:
        return deny(_("只有申报企业可以发起申报"))
    ban = enterprise_ban(enterprise_id, call) if ban is None else ban
    if ban:
        return deny(ban)
    if call.status == CallStatus.DRAFT or not call.offers(tier):
        return deny(_("本批次不受理该类别的申报"))
    if not call.accepts_submissions():
        return deny(_("不在本批次的申报时间内"))
    existing = Application.objects.filter(call=call, enterprise_id=enterprise_id, tier=tier).first()
    if existing is not None:
        return deny(_("本企业已在本批次申报该类别（%(reference)s）") % {"reference": existing.reference})
    return ALLOW


def enterprise_ban(enterprise_id: int, call: Call) -> str:
    """第十二条: why no application of the enterprise is accepted today, with the day the ban ends; "" if none."""
    revocations = tuple(
        core.Revocation(day, reason)
        for day, reason in Revocation.objects.filter(enterprise_id=enterprise_id).values_list("revoked_on", "reason")
    )
    ban = ban_in_force(revocations, timezone.localdate(), call.get_policy())
    return ban.render(current_lang()) if ban else ""
