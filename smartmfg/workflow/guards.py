"""What must hold before a step of the workflow may be taken.

Each guard takes the application and the acting user and returns a
``Decision`` whose reason is shown to the user. Guards read; they never write.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.applications.states import Status
from smartmfg.eligibility.gates import step_verdict
from smartmfg.lib.decisions import ALLOW, Decision, deny
from smartmfg.rules.requirements import EVALUATION

if TYPE_CHECKING:
    from smartmfg.accounts.models import User
    from smartmfg.applications.models import Application

# Files an application cannot be submitted without.
REQUIRED_ATTACHMENTS = ("application_form",)


def missing_for_submission(application: Application) -> list[str]:
    """What the enterprise still has to fill in, in the order of the form."""
    missing: list[str] = []
    if not application.project_name:
        missing.append(_("项目名称"))
    if not application.project_division:
        missing.append(_("项目建设地点"))
    if not application.construction_status:
        missing.append(_("建设状态"))
    elif application.construction_status == "in_production" and not application.production_started_on:
        missing.append(_("建成投产日期"))
    elif application.construction_status == "under_construction" and not application.expected_completion_on:
        missing.append(_("预计建成投产日期"))
    if not application.investments.exists():
        missing.append(_("投资明细"))
    if application.maturity_level is None or not application.maturity_report_no:
        missing.append(_("成熟度自评估"))
    kinds = set(application.current_files().values_list("kind", flat=True))
    missing.extend(_("申报书") for kind in REQUIRED_ATTACHMENTS if kind not in kinds)
    if application.commitment_accepted_at is None:
        missing.append(_("承诺书"))
    return missing


def ready_to_submit(application: Application, user: User) -> Decision:
    """第八条: complete, and in time (server clock).

    A first submission (or one after the enterprise withdrew) needs the call
    open; an application the bureau returned for correction may be submitted
    again until the response deadline the bureau set, even after the call
    has closed.
    """
    call = application.call
    if not call.offers(application.tier):
        return deny(_("本批次不受理该类别的申报"))
    due = response_deadline(application)
    in_time = due is not None and timezone.localdate() <= due
    if not in_time and not call.accepts_submissions():
        closes = timezone.localtime(call.closes_at).strftime("%Y-%m-%d %H:%M")
        if due is not None:
            return deny(
                _("重新提交期限（%(due)s）已过，且本批次申报已于 %(closes)s 截止")
                % {"due": due.isoformat(), "closes": closes}
            )
        return deny(_("不在本批次的申报时间内（截止 %(closes)s）") % {"closes": closes})
    missing = missing_for_submission(application)
    if missing:
        return deny(_("尚未填写完整：%(items)s") % {"items": "、".join(missing)})
    return ALLOW


def response_deadline(application: Application) -> dt.date | None:
    """The day by which an application returned for correction may be submitted again (its bureau sets it).

    None unless the application is returned; the latest return counts.
    """
    if application.status != Status.RETURNED:
        return None
    event = application.events.filter(action="bureau_return").order_by("-at", "-id").first()
    due = event.data.get("respond_by") if event is not None else None
    return dt.date.fromisoformat(due) if due else None


def fails_evaluation(application: Application, user: User) -> Decision:
    """Domain.md §6: only an application on which a rule no longer holds is taken off the way to recognition."""
    if EVALUATION.unmet(step_verdict(application)):
        return ALLOW
    return deny(_("该申报符合认定条件，不能以不符合条件为由不予认定"))


def _pending_spot_check(application: Application) -> bool:
    # Through the relation, so the workflow needs nothing of the app that records spot checks.
    return bool(application.spot_checks.filter(passed__isnull=True).exists())


def no_spot_check_pending(application: Application, user: User) -> Decision:
    if _pending_spot_check(application):
        return deny(_("现场抽查尚未录入结果"))
    return ALLOW


def spot_check_pending(application: Application, user: User) -> Decision:
    """The paper path: the Department types in the findings of a pending spot check reported on paper.

    A spot check with an expert visit (smartmfg.visits) is reported by its experts in the platform.
    """
    pending = application.spot_checks.filter(passed__isnull=True)
    if not pending.exists():
        return deny(_("没有待录入结果的现场抽查"))
    if pending.filter(visit__isnull=False).exists():
        return deny(_("该现场抽查由抽查专家在平台上逐项填写并签署报告，不在此录入结果"))
    return ALLOW


def paper_conclusion(application: Application, user: User) -> Decision:
    """The conclusion typed in from paper: after any spot check, and never for a panel scoring online
    (smartmfg.scoring: there the leader proposes from the experts' scores and the Department confirms)."""
    pending = no_spot_check_pending(application, user)
    if not pending:
        return pending
    # Through the relations, so the workflow needs nothing of the app that holds the scores.
    if application.seats.filter(status="active", draw__review_round__isnull=False).exists():
        return deny(_("该申报由专家在平台上评分，专家推荐结论由组长提出、在“专家评分”页确认"))
    return ALLOW


def reports_visit(application: Application, user: User) -> Decision:
    """Only an expert member of the application's pending visit signs its report (smartmfg.visits)."""
    # Through the relations, so the workflow needs nothing of the app that holds the visits.
    if application.spot_checks.filter(passed__isnull=True, visit__members__expert__user=user).exists():
        return ALLOW
    return deny(_("只有该项现场抽查的专家可以提交抽查报告"))


def no_open_objection(application: Application, user: User) -> Decision:
    if application.objections.filter(status="open").exists():
        return deny(_("有尚未处理的异议"))
    return ALLOW


# Objections (第十条), read through the relations, so the workflow needs nothing of the app that holds them.


def has_open_objection(application: Application, user: User) -> Decision:
    """The Department asks the enterprise about an objection still to be decided."""
    if application.objections.filter(status="open").exists():
        return ALLOW
    return deny(_("没有待处理的异议"))


def objection_question_pending(application: Application, user: User) -> Decision:
    """The enterprise answers a question of the Department on an objection still to be decided."""
    # One filter over the same question row: an objection with no question at all is no question pending.
    if application.objections.filter(
        status="open", questions__isnull=False, questions__answered_at__isnull=True
    ).exists():
        return ALLOW
    return deny(_("没有需要企业说明的异议问题"))


def objection_awaiting_reply(application: Application, user: User) -> Decision:
    """The Department replies to the objector once the objection is decided, once."""
    if application.objections.exclude(status="open").filter(replied_at__isnull=True).exists():
        return ALLOW
    return deny(_("没有已处理、待答复异议人的异议"))


def cultivation_deadline_passed(application: Application, user: User) -> Decision:
    """第五条至第七条第1款: a cultivation project is dropped only once its deadline has passed."""
    deadline = application.call.get_policy().cultivation_deadline
    if timezone.localdate() <= deadline:
        return deny(_("培育期限（%(deadline)s）尚未届满") % {"deadline": deadline.isoformat()})
    return ALLOW
