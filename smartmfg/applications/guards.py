"""What must hold before a step of the workflow may be taken.

Each guard takes the application and the acting user and returns a
``Decision`` whose reason is shown to the user. Guards read; they never write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access import ALLOW, Decision, deny

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
    kinds = set(application.attachments.filter(removed_at__isnull=True).values_list("kind", flat=True))
    missing.extend(_("申报书") for kind in REQUIRED_ATTACHMENTS if kind not in kinds)
    if application.commitment_accepted_at is None:
        missing.append(_("承诺书"))
    return missing


def ready_to_submit(application: Application, user: User) -> Decision:
    """Art. 8: complete, and within the call's submission period (server clock)."""
    call = application.call
    if not call.accepts_submissions():
        return deny(
            _("不在本批次的申报时间内（截止 %(closes)s）")
            % {"closes": timezone.localtime(call.closes_at).strftime("%Y-%m-%d %H:%M")}
        )
    if not call.offers(application.tier):
        return deny(_("本批次不受理该类别的申报"))
    missing = missing_for_submission(application)
    if missing:
        return deny(_("尚未填写完整：%(items)s") % {"items": "、".join(missing)})
    return ALLOW


def operations_judged_pass(application: Application, user: User) -> Decision:
    """Art. 4: production, operations and finances in good order, judged at the initial review."""
    latest = application.judgements.filter(rule="operations_finance").order_by("-judged_at", "-id").first()
    if latest is None:
        return deny(_("请先对“生产运营和财务状况良好”作出判断"))
    if latest.result != "pass":
        return deny(_("已判断“生产运营和财务状况”不符合，不能通过初审"))
    return ALLOW


def _pending_spot_check(application: Application) -> bool:
    from smartmfg.evaluations.models import SpotCheck

    return SpotCheck.objects.filter(application=application, passed__isnull=True).exists()


def no_spot_check_pending(application: Application, user: User) -> Decision:
    if _pending_spot_check(application):
        return deny(_("现场抽查尚未录入结果"))
    return ALLOW


def spot_check_pending(application: Application, user: User) -> Decision:
    if not _pending_spot_check(application):
        return deny(_("没有待录入结果的现场抽查"))
    return ALLOW


def no_open_objection(application: Application, user: User) -> Decision:
    if application.objections.filter(status="open").exists():
        return deny(_("有尚未处理的异议"))
    return ALLOW


def cultivation_deadline_passed(application: Application, user: User) -> Decision:
    """Art. 5-7 §1: a cultivation project is dropped only once its deadline has passed."""
    deadline = application.call.get_policy().cultivation_deadline
    if timezone.localdate() <= deadline:
        return deny(_("培育期限（%(deadline)s）尚未届满") % {"deadline": deadline.isoformat()})
    return ALLOW
