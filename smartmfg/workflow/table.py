"""The procedure of 第八条 to 12 as one table.

Each ``Step`` row says: from which states, by which role, to which state,
what must hold (the guard), what it records (reason, files, data), its label
and its article. ``transition`` (in ``transition.py``) reads this table and
nothing else; the pages list the buttons from it; the API accepts the same
actions. Grep an action's name and you land on its row.

``requires`` names the rules of the verdict that must hold before the step
(``rules.requirements``, domain.md §6): the step is refused, with each rule
in the way, when one fails.

Steps marked ``batch`` are taken for many applications at once by a
document (a recommendation letter, a deliberation, a notice, a publication)
and have no button on an application's page.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from smartmfg.accounts.roles import Role
from smartmfg.applications.states import EDITABLE, OPEN
from smartmfg.applications.states import Status as S
from smartmfg.rules.requirements import EVALUATION, INITIAL_REVIEW, SUBMISSION, Requirement
from smartmfg.workflow import guards

if TYPE_CHECKING:
    from smartmfg.accounts.models import User
    from smartmfg.applications.models import Application
    from smartmfg.lib.decisions import Decision

    Guard = Callable[[Application, User], Decision]


class Holder(enum.Enum):
    """Who holds the application after the step (``Application.holder``: the bureau that may act on it)."""

    KEEP = "keep"  # whoever held it before
    ITS_BUREAU = "its_bureau"  # its own local bureau: the initial review begins (again)
    REPORTED_TO = "reported_to"  # the bureau the acting bureau reports to (a letter through the parent bureau)
    NOBODY = "nobody"  # no bureau: it is with the enterprise or the Department


@dataclass(frozen=True)
class Step:
    action: str
    sources: frozenset[S]
    targets: tuple[S, ...]
    role: Role
    label: Promise
    article: str
    guard: Guard | None = None
    requires: Requirement | None = None
    needs_reason: bool = False
    accepts_files: bool = False
    batch: bool = False
    danger: bool = False
    confirm: Promise | None = None
    extra: tuple[str, ...] = field(default=())  # names of data fields the step records
    holder: Holder = Holder.KEEP

    @property
    def target(self) -> S:
        """The usual target; steps with several targets are told which one."""
        return self.targets[0]


def _s(*states: S) -> frozenset[S]:
    return frozenset(states)


IN_EXPERT_STAGE = _s(S.EXPERT_REVIEW, S.EXPERT_RECOMMENDED)
# Where an application on a notice can be by the time its objections are decided and answered (第十条).
AFTER_NOTICE = _s(
    S.IN_NOTICE,
    S.OBJECTION_UPHELD,
    S.NOTICE_PASSED,
    S.RECOGNISED,
    S.CULTIVATING,
    S.CULTIVATION_DROPPED,
    S.REVOKED,
    S.DISQUALIFIED,
    S.REFUSED_UNDER_BAN,
)

STEPS: tuple[Step, ...] = (
    # 第八条: the enterprise submits to its local bureau, and may take it back until the bureau decides.
    Step(
        "submit",
        EDITABLE,
        (S.SUBMITTED,),
        Role.ENTERPRISE,
        _("提交申报"),
        "第八条",
        guard=guards.ready_to_submit,
        requires=SUBMISSION,
        confirm=_("提交后，在属地工信部门初审前可以撤回修改。确定提交吗？"),
        holder=Holder.ITS_BUREAU,
    ),
    # Applications received on paper or from another system, entered by the Department
    # (``smartmfg import-applications``); they go to the local bureau as if submitted online.
    Step(
        "import_submission",
        _s(S.DRAFT),
        (S.SUBMITTED,),
        Role.DEPARTMENT,
        _("导入申报"),
        "第八条",
        requires=SUBMISSION,
        batch=True,
        holder=Holder.ITS_BUREAU,
    ),
    Step(
        "withdraw",
        _s(S.SUBMITTED),
        (S.WITHDRAWN,),
        Role.ENTERPRISE,
        _("撤回申报"),
        "第八条",
        confirm=_("撤回后可修改再提交，确定撤回吗？"),
        holder=Holder.NOBODY,
    ),
    # 第八条: the local bureau's initial review (初审). Until its letter is sent, a bureau
    # may still return or reject an application it passed (a record found since, say).
    Step(
        "bureau_pass",
        _s(S.SUBMITTED),
        (S.BUREAU_PASSED,),
        Role.BUREAU,
        _("初审通过"),
        "第八条",
        requires=INITIAL_REVIEW,
    ),
    Step(
        "bureau_return",
        _s(S.SUBMITTED, S.BUREAU_PASSED),
        (S.RETURNED,),
        Role.BUREAU,
        _("退回修改"),
        "第八条",
        needs_reason=True,
        extra=("respond_by",),
        holder=Holder.NOBODY,
    ),
    Step(
        "bureau_reject",
        _s(S.SUBMITTED, S.BUREAU_PASSED),
        (S.BUREAU_REJECTED,),
        Role.BUREAU,
        _("初审不通过"),
        "第八条",
        needs_reason=True,
        danger=True,
    ),
    # 第八条: reported by official letter, to the Department or through the parent bureau.
    Step(
        "recommend",
        _s(S.BUREAU_PASSED),
        (S.RECOMMENDED,),
        Role.BUREAU,
        _("行文报送省工信厅"),
        "第八条",
        requires=INITIAL_REVIEW,
        batch=True,
        holder=Holder.NOBODY,
    ),
    Step(
        "forward",
        _s(S.BUREAU_PASSED),
        (S.BUREAU_PASSED,),
        Role.BUREAU,
        _("行文报送上级工信部门"),
        "第八条",
        requires=INITIAL_REVIEW,
        batch=True,
        holder=Holder.REPORTED_TO,
    ),
    # 第九条: the Department's qualification re-review (资格复审), every rule judged again.
    Step(
        "requalify_pass",
        _s(S.RECOMMENDED),
        (S.EXPERT_REVIEW,),
        Role.DEPARTMENT,
        _("资格复审通过"),
        "第九条",
        requires=INITIAL_REVIEW,
    ),
    Step(
        "requalify_return",
        _s(S.RECOMMENDED),
        (S.SUBMITTED,),
        Role.DEPARTMENT,
        _("退回属地部门"),
        "第九条",
        needs_reason=True,
        holder=Holder.ITS_BUREAU,
    ),
    Step(
        "requalify_reject",
        _s(S.RECOMMENDED),
        (S.DEPARTMENT_REJECTED,),
        Role.DEPARTMENT,
        _("资格复审不通过"),
        "第九条",
        needs_reason=True,
        danger=True,
    ),
    # 第九条: expert evaluation, on-site spot checks, the experts' recommendation.
    Step(
        "assign_experts",
        _s(S.EXPERT_REVIEW),
        (),
        Role.DEPARTMENT,
        _("分配评审专家"),
        "第九条",
        batch=True,  # carried by a committed assignment (experts.actions.assignment)
    ),
    # The panel leader proposes from the experts' own scores (smartmfg.scoring); the Department confirms.
    Step(
        "confirm_expert_conclusion",
        _s(S.EXPERT_REVIEW),
        (S.EXPERT_RECOMMENDED, S.EXPERT_NOT_RECOMMENDED),
        Role.DEPARTMENT,
        _("确认专家推荐结论"),
        "第九条",
        guard=guards.no_spot_check_pending,  # the conclusion comes last, after any spot check (第九条)
        batch=True,  # taken on the review's page, from the panel leader's proposal
        extra=("aggregate", "recommended", "rule"),
    ),
    # A review held on paper: the Department types in the panel's signed conclusion.
    Step(
        "record_expert_conclusion",
        _s(S.EXPERT_REVIEW),
        (S.EXPERT_RECOMMENDED, S.EXPERT_NOT_RECOMMENDED),
        Role.DEPARTMENT,
        _("录入专家评审结论（纸质评审）"),
        "第九条",
        guard=guards.paper_conclusion,  # after any spot check (第九条), and not for a panel scoring online
        accepts_files=True,
        extra=("score", "recommended"),
    ),
    Step(
        "order_spot_check",
        IN_EXPERT_STAGE,
        (),
        Role.DEPARTMENT,
        _("安排现场抽查"),
        "第九条",
        guard=guards.no_spot_check_pending,
        needs_reason=True,
    ),
    Step(
        "record_spot_check",
        IN_EXPERT_STAGE,
        (),
        Role.DEPARTMENT,
        _("录入现场抽查结果"),
        "第九条",
        guard=guards.spot_check_pending,
        needs_reason=True,
        accepts_files=True,
        extra=("passed", "visited_on"),
    ),
    # The experts of a visit sign its report in the platform (smartmfg.visits); materials found
    # untrue make the application not recommended, whatever its scores.
    Step(
        "report_visit",
        IN_EXPERT_STAGE,
        (S.EXPERT_NOT_RECOMMENDED, S.EXPERT_REVIEW, S.EXPERT_RECOMMENDED),
        Role.EXPERT,
        _("专家提交现场抽查报告"),
        "第九条",
        guard=guards.reports_visit,
        batch=True,  # taken by the last signature on the visit's report
        extra=("visit", "passed"),
    ),
    # 第十条: deliberation (审议) of the experts' recommended list.
    Step(
        "approve",
        _s(S.EXPERT_RECOMMENDED),
        (S.APPROVED,),
        Role.DEPARTMENT,
        _("审议通过"),
        "第十条",
        guard=guards.no_spot_check_pending,
        requires=EVALUATION,
        batch=True,
    ),
    Step(
        "disapprove",
        _s(S.EXPERT_RECOMMENDED),
        (S.DELIBERATION_REJECTED,),
        Role.DEPARTMENT,
        _("审议不通过"),
        "第十条",
        guard=guards.no_spot_check_pending,
        needs_reason=True,
        batch=True,
    ),
    # 第十条: public notice (公示) and objections (异议).
    Step(
        "start_notice",
        _s(S.APPROVED),
        (S.IN_NOTICE,),
        Role.DEPARTMENT,
        _("公示"),
        "第十条",
        requires=EVALUATION,
        batch=True,
    ),
    # Objections (docs/objections.md): steps recorded in place, carried by the objection's own pages.
    # An objection filed online by the public (who has no account) is written by
    # ``notices.actions.do_file_objection`` with the same action, the platform's account for the public as actor.
    Step(
        "receive_objection",
        _s(S.IN_NOTICE),
        (),
        Role.DEPARTMENT,
        _("收到异议"),
        "第十条",
        batch=True,  # taken by the objection's filing or entry (notices.actions)
        extra=("objection", "receipt", "channel"),
    ),
    Step(
        "ask_enterprise",
        _s(S.IN_NOTICE),
        (),
        Role.DEPARTMENT,
        _("请企业说明"),
        "第十条",
        guard=guards.has_open_objection,
        needs_reason=True,  # the question, which the enterprise reads
        batch=True,
        extra=("objection", "receipt", "channel"),
    ),
    Step(
        "answer_objection",
        _s(S.IN_NOTICE),
        (),
        Role.ENTERPRISE,
        _("企业说明异议"),
        "第十条",
        guard=guards.objection_question_pending,
        needs_reason=True,  # the enterprise's statement
        accepts_files=True,
        batch=True,  # taken on the enterprise's page of the question
        extra=("objection", "receipt", "channel", "question"),
    ),
    Step(
        "uphold_objection",
        _s(S.IN_NOTICE),
        (S.OBJECTION_UPHELD,),
        Role.DEPARTMENT,
        _("异议成立"),
        "第十条",
        needs_reason=True,
        batch=True,
    ),
    Step(
        "dismiss_objection",
        _s(S.IN_NOTICE),
        (),
        Role.DEPARTMENT,
        _("异议不成立"),
        "第十条",
        needs_reason=True,
        batch=True,
    ),
    # The reply is the objector's to read (private link, email): the history records that it was made, not its text.
    Step(
        "reply_objector",
        AFTER_NOTICE,
        (),
        Role.DEPARTMENT,
        _("答复异议人"),
        "第十条",
        guard=guards.objection_awaiting_reply,
        batch=True,
        extra=("objection", "receipt", "channel"),
    ),
    Step(
        "end_notice",
        _s(S.IN_NOTICE),
        (S.NOTICE_PASSED,),
        Role.DEPARTMENT,
        _("公示期满无异议"),
        "第十条",
        guard=guards.no_open_objection,
        batch=True,
    ),
    # 第十条 and 第五条至第七条第1款: publication; projects under construction enter cultivation.
    Step(
        "publish",
        _s(S.NOTICE_PASSED),
        (S.RECOGNISED, S.CULTIVATING),
        Role.DEPARTMENT,
        _("发文公布"),
        "第十条",
        requires=EVALUATION,
        batch=True,
    ),
    # Domain.md §6: an application on its way to recognition on which a rule no longer
    # holds (a record found since) is held back; the Department takes it off with the reason.
    Step(
        "disqualify",
        _s(S.APPROVED, S.IN_NOTICE, S.NOTICE_PASSED),
        (S.DISQUALIFIED,),
        Role.DEPARTMENT,
        _("不予认定（不符合认定条件）"),
        "第四条至第七条",
        guard=guards.fails_evaluation,
        needs_reason=True,
        danger=True,
    ),
    Step(
        "convert_cultivation",
        _s(S.CULTIVATING),
        (S.RECOGNISED,),
        Role.DEPARTMENT,
        _("培育项目转为认定"),
        "第五条至第七条第1款",
        requires=EVALUATION,
        needs_reason=True,
        accepts_files=True,
        extra=("production_started_on",),
    ),
    Step(
        "drop_cultivation",
        _s(S.CULTIVATING),
        (S.CULTIVATION_DROPPED,),
        Role.DEPARTMENT,
        _("培育期满未建成投产"),
        "第五条至第七条第1款",
        guard=guards.cultivation_deadline_passed,
        needs_reason=True,
        danger=True,
    ),
    # 第十二条: revocation of a recognition obtained by fraud.
    Step(
        "revoke",
        _s(S.RECOGNISED, S.CULTIVATING),
        (S.REVOKED,),
        Role.DEPARTMENT,
        _("撤销认定"),
        "第十二条",
        needs_reason=True,
        accepts_files=True,
        danger=True,
        extra=("subsidy_to_recover", "document_number"),
        confirm=_("撤销认定后，该企业三年内不得再申报，其他尚在办理的申报一并终止。确定撤销吗？"),
    ),
    # 第十二条: taken by the revocation, for every other open application of the enterprise.
    Step(
        "refuse_under_ban",
        OPEN,
        (S.REFUSED_UNDER_BAN,),
        Role.DEPARTMENT,
        _("终止办理（第十二条三年内不再受理）"),
        "第十二条",
        needs_reason=True,
        batch=True,
        holder=Holder.NOBODY,
    ),
)

STEP_BY_ACTION: dict[str, Step] = {step.action: step for step in STEPS}


def step(action: str) -> Step:
    """The row of ``action``; unknown actions are a programming error."""
    return STEP_BY_ACTION[action]


def steps_from(status: str, *, role: Role | None = None, include_batch: bool = False) -> list[Step]:
    """The steps that start from ``status`` (for one role), in table order."""
    return [
        s for s in STEPS if status in s.sources and (role is None or s.role == role) and (include_batch or not s.batch)
    ]
