"""Who may take a step of the workflow: the table's role, the actor's scope, the state, the guard, the rules.

``smartmfg.access`` re-exports these with the rest of the permission
predicates: they live here so that the table, the transition and the check
that guards them stand together, and the workflow never imports the
permission module back.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from smartmfg.accounts.identity import AnyUser, account_of, bureau_of, enterprise_id_of, roles_held
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application
from smartmfg.eligibility.gates import problem_texts, refusal_text, step_verdict
from smartmfg.lib.decisions import ALLOW, Decision, deny
from smartmfg.rules.engine import Verdict
from smartmfg.workflow import table
from smartmfg.workflow.table import Step


def acts_for(user: AnyUser, application: Application, role: Role) -> Decision:
    """Whether ``user`` may act on ``application`` in ``role`` (own enterprise, own subtree)."""
    if role not in roles_held(user):
        return deny(_("此事项需由%(role)s办理") % {"role": role.label})
    if role is Role.ENTERPRISE and application.enterprise_id != enterprise_id_of(user):
        return deny(_("只能办理本企业的申报"))
    if role is Role.BUREAU:
        holder = application.holder
        bureau = bureau_of(user)
        if holder is None:
            return deny(_("该申报当前不在属地工信部门办理"))
        if bureau is None or not bureau.contains(holder):
            return deny(_("该申报不在本部门办理范围内"))
    return ALLOW


def can_take(user: AnyUser, application: Application, action: str, *, verdict: Verdict | None = None) -> Decision:
    """Whether the workflow table lets ``user`` take ``action`` now, and if not why.

    Role and scope, state, the step's guard, then the rules the step
    requires, judged on the binding verdict (``eligibility.gates``; pass
    ``verdict`` when it is already at hand).
    """
    step = table.step(action)
    decision = acts_for(user, application, step.role)
    if not decision:
        return decision
    if application.status not in step.sources:
        return deny(
            _("当前状态（%(status)s）不能办理“%(action)s”")
            % {"status": application.get_status_display(), "action": step.label}
        )
    account = account_of(user)
    if step.guard and account and not (decision := step.guard(application, account)):
        return decision
    if step.requires is None:
        return ALLOW
    unmet = step.requires.unmet(verdict if verdict is not None else step_verdict(application))
    return deny(refusal_text(unmet), problem_texts(unmet)) if unmet else ALLOW


def available_steps(user: AnyUser, application: Application) -> list[tuple[Step, Decision]]:
    """The steps of the user's roles from the current state, each with whether it may be taken now."""
    roles = roles_held(user)
    steps = [s for s in table.steps_from(application.status) if s.role in roles]
    verdict = step_verdict(application) if any(s.requires for s in steps) else None
    return [(s, can_take(user, application, s.action, verdict=verdict)) for s in steps]
