"""第九条: the experts' conclusion and the on-site spot checks, as recorded by the Department."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application, ApplicationEvent, AttachmentKind, Judgement
from smartmfg.applications.states import Status
from smartmfg.eligibility.actions import refresh_verdict
from smartmfg.evaluations.actions.common import _required
from smartmfg.evaluations.models import ExpertConclusion, SpotCheck
from smartmfg.lib.validators import check_not_future
from smartmfg.workflow.batch import require_files
from smartmfg.workflow.transition import transition

CENT = Decimal("0.01")
MAX_SCORE = Decimal("100")


def do_record_expert_conclusion(
    application: Application,
    *,
    score: Decimal,
    recommended: bool,
    summary: str,
    files: Sequence[UploadedFile],
    actor: User,
) -> ExpertConclusion:
    """第九条: the expert panel's score and conclusion, with the signed conclusion.

    Records the ``technical_merit`` judgement (第五条至第七条第3款: pass when the
    experts recommend) and moves the application to 专家推荐 or 专家未推荐.
    """
    score = _score(score)
    summary = _required(summary, "reason", _("请填写专家评审意见"))
    require_files(files, _("请上传专家签字的评审结论"))
    target = Status.EXPERT_RECOMMENDED if recommended else Status.EXPERT_NOT_RECOMMENDED
    written: list[ExpertConclusion] = []

    def conclude(locked: Application, event: ApplicationEvent) -> None:
        written.append(
            ExpertConclusion.objects.create(
                application=locked,
                score=score,
                recommended=recommended,
                summary=summary,
                recorded_by=actor,
                event=event,
            )
        )
        Judgement.objects.create(
            application=locked,
            rule="technical_merit",
            result=Judgement.Result.PASS if recommended else Judgement.Result.FAIL,
            note=summary,
            judged_by=actor,
            role=Role.DEPARTMENT.value,
        )
        refresh_verdict(locked)  # the experts' judgement is part of the verdict

    transition(
        application,
        "record_expert_conclusion",
        actor,
        reason=summary,
        files=files,
        file_kind=AttachmentKind.EXPERT_CONCLUSION,
        data={"score": str(score), "recommended": recommended},
        to=target,
        record=conclude,
    )
    return written[0]


def _score(value: Decimal | str) -> Decimal:
    try:
        score = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({"score": _("评审得分不是有效的数字")}) from None
    if not Decimal(0) <= score <= MAX_SCORE or score != score.quantize(CENT):
        raise ValidationError({"score": _("评审得分须在0至100之间，最多两位小数")})
    return score.quantize(CENT)


def do_order_spot_check(application: Application, *, purpose: str, actor: User) -> SpotCheck:
    """第九条: decide that experts visit the enterprise (现场抽查), and what they check."""
    purpose = _required(purpose, "reason", _("请填写抽查事项"))
    ordered: list[SpotCheck] = []

    def order(locked: Application, event: ApplicationEvent) -> None:
        ordered.append(SpotCheck.objects.create(application=locked, ordered_by=actor, purpose=purpose))

    transition(application, "order_spot_check", actor, reason=purpose, record=order)
    return ordered[0]


def do_record_spot_check(
    application: Application,
    *,
    visited_on: dt.date,
    inspectors: str,
    findings: str,
    passed: bool,
    files: Sequence[UploadedFile],
    actor: User,
) -> SpotCheck:
    """第九条: the findings of the pending spot check, with its report.

    Until this is recorded, the application cannot be deliberated (guard
    ``no_spot_check_pending`` on 审议通过 and 审议不通过).
    """
    findings = _required(findings, "reason", _("请填写抽查情况"))
    inspectors = _required(inspectors, "inspectors", _("请填写抽查人员"))
    check_not_future(visited_on, field="visited_on", label=_("抽查日期"))
    require_files(files, _("请上传现场抽查报告"))
    recorded: list[SpotCheck] = []

    def findings_of(locked: Application, event: ApplicationEvent) -> None:
        check = SpotCheck.objects.select_for_update().get(application=locked, passed__isnull=True)
        if visited_on < timezone.localtime(check.ordered_at).date():
            raise ValidationError({"visited_on": _("抽查日期不能早于安排抽查的日期")})
        check.visited_on = visited_on
        check.inspectors = inspectors
        check.findings = findings
        check.passed = passed
        check.recorded_by = actor
        check.recorded_at = timezone.now()
        check.event = event
        check.save(
            update_fields=["visited_on", "inspectors", "findings", "passed", "recorded_by", "recorded_at", "event"]
        )
        recorded.append(check)

    transition(
        application,
        "record_spot_check",
        actor,
        reason=findings,
        files=files,
        file_kind=AttachmentKind.SPOT_CHECK_REPORT,
        data={"passed": passed, "visited_on": visited_on.isoformat(), "inspectors": inspectors},
        record=findings_of,
    )
    return recorded[0]
