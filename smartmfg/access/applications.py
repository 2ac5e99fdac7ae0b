"""Who may see an application, edit it, start one, and take a step of the workflow."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartmfg.access.core import ALLOW, AnyUser, Decision, _account, _bureau, _enterprise_id, _roles, deny, get_or_404
from smartmfg.accounts.roles import Role
from smartmfg.applications.gates import problem_texts, refusal_text, step_verdict
from smartmfg.applications.models import Application
from smartmfg.calls.models import Call, CallStatus
from smartmfg.enterprises.models import Revocation
from smartmfg.lib.choices import current_lang
from smartmfg.rules import facts as core
from smartmfg.rules.checks.conduct import ban_in_force
from smartmfg.rules.engine import Verdict


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
    return get_or_404(visible_applications(user).select_related("call", "enterprise", "jurisdiction"), pk)


def can_edit_application(user: AnyUser, application: Application) -> Decision:
    """Only the applying enterprise, and only while the application is in its hands."""
    if _enterprise_id(user) is None or application.enterprise_id != _enterprise_id(user):
        return deny(_("只有申报企业可以修改申报材料"))
    if not application.is_editable:
        return deny(_("申报已提交，当前状态下不能修改"))
    return ALLOW


def can_start_application(user: AnyUser, call: Call, tier: str, *, ban: str | None = None) -> Decision:
    """Art. 8: an enterprise starts one application per tier of a call, while the call accepts them;
    Art. 12: not while a revocation for fraud bans it (``ban``: ``enterprise_ban``, when already known)."""
    enterprise_id = _enterprise_id(user)
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
    """Art. 12: why no application of the enterprise is accepted today, with the day the ban ends; "" if none."""
    revocations = tuple(
        core.Revocation(day, reason)
        for day, reason in Revocation.objects.filter(enterprise_id=enterprise_id).values_list("revoked_on", "reason")
    )
    ban = ban_in_force(revocations, timezone.localdate(), call.get_policy())
    return ban.render(current_lang()) if ban else ""


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


def can_take(user: AnyUser, application: Application, action: str, *, verdict: Verdict | None = None) -> Decision:
    """Whether the workflow table lets ``user`` take ``action`` now, and if not why.

    Role and scope, state, the step's guard, then the rules the step
    requires, judged on the binding verdict (``applications.gates``; pass
    ``verdict`` when it is already at hand).
    """
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
    if step.guard and account and not (decision := step.guard(application, account)):
        return decision
    if step.requires is None:
        return ALLOW
    unmet = step.requires.unmet(verdict if verdict is not None else step_verdict(application))
    return deny(refusal_text(unmet), problem_texts(unmet)) if unmet else ALLOW


def available_steps(user: AnyUser, application: Application) -> list[tuple[Any, Decision]]:
    """The steps of the user's roles from the current state, each with whether it may be taken now."""
    from smartmfg.applications import workflow

    roles = _roles(user)
    steps = [s for s in workflow.steps_from(application.status) if s.role in roles]
    verdict = step_verdict(application) if any(s.requires for s in steps) else None
    return [(s, can_take(user, application, s.action, verdict=verdict)) for s in steps]
