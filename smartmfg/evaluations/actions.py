"""Writes of the Department's stages: expert review, spot checks, deliberation (Art. 9-10),
cultivation (Art. 5-7 §1) and revocation (Art. 12).

Each action checks the permission itself (the workflow table does, through
``transition``, for the steps), runs in one transaction and leaves its
history: an ``ApplicationEvent`` for every step, an audit entry for the
other writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access import can_run_stages, require
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application, ApplicationEvent, AttachmentKind, Judgement
from smartmfg.applications.states import OPEN, Status
from smartmfg.audit.actions import record
from smartmfg.calls.models import Call
from smartmfg.eligibility.actions import refresh_verdict
from smartmfg.enterprises.events import RecordAdded
from smartmfg.enterprises.models import Revocation, SubsidyRecovery
from smartmfg.evaluations.models import Deliberation, ExpertConclusion, SpotCheck
from smartmfg.lib.choices import current_lang
from smartmfg.lib.events import emit
from smartmfg.lib.validators import check_document_number, check_not_future, check_yuan
from smartmfg.rules.cultivation import conversion_problem
from smartmfg.support.actions import paid
from smartmfg.workflow.batch import Move, require_files, take_batch
from smartmfg.workflow.transition import transition

CENT = Decimal("0.01")
MAX_SCORE = Decimal("100")


def _required(text: str, field: str, message: str) -> str:
    if not text.strip():
        raise ValidationError({field: message})
    return text.strip()


# ------------------------------------------------------------ expert review (Art. 9)


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

    Records the ``technical_merit`` judgement (Art. 5-7 §3: pass when the
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


# -------------------------------------------------------------- deliberation (Art. 10)


@dataclass(frozen=True)
class Ruling:
    """One application's outcome at a deliberation: approved, or rejected with the reason."""

    approved: bool
    reason: str = ""


def do_record_deliberation(
    call: Call,
    rulings: Mapping[int, Ruling],
    *,
    meeting: str,
    held_on: dt.date,
    minutes: str,
    actor: User,
) -> Deliberation:
    """第十条: the meeting's decision on the experts' recommended applications, in one transaction.

    ``rulings`` maps application ids (as shown to the officer) to their
    outcome. Every application must still be 专家推荐; if one is not, or one
    may not be decided (a spot check pending), nothing is recorded.
    """
    require(can_run_stages(actor))
    meeting = _required(meeting, "meeting", _("请填写会议名称"))
    check_not_future(held_on, field="held_on", label=_("审议日期"))
    if not rulings:
        raise ValidationError({"__all__": _("请至少对一项申报作出审议决定")})
    for ruling in rulings.values():
        if not ruling.approved and not ruling.reason.strip():
            raise ValidationError({"__all__": _("审议不通过的申报须填写理由")})
    moves = {pk: Move("approve" if r.approved else "disapprove", r.reason) for pk, r in rulings.items()}

    def minutes_of(applications: list[Application]) -> Deliberation:
        deliberation = Deliberation.objects.create(
            call=call, held_on=held_on, meeting=meeting, minutes=minutes.strip(), decided_by=actor
        )
        deliberation.approved.set([a for a in applications if rulings[a.pk].approved])
        deliberation.rejected.set([a for a in applications if not rulings[a.pk].approved])
        return deliberation

    with transaction.atomic():
        batch = take_batch(
            moves,
            expected=Status.EXPERT_RECOMMENDED,
            actor=actor,
            call=call,
            document=minutes_of,
            data_key="deliberation",
        )
        deliberation = batch.document
        assert isinstance(deliberation, Deliberation)
        record(
            actor=actor,
            role=Role.DEPARTMENT,
            verb="record_deliberation",
            target=deliberation,
            summary=f"{call.title} {meeting}",
            changes={"approved": deliberation.approved.count(), "rejected": deliberation.rejected.count()},
        )
    return deliberation


# --------------------------------------------------------- cultivation (Art. 5-7 §1)


def do_convert_cultivation(
    application: Application,
    *,
    production_started_on: dt.date,
    reason: str,
    files: Sequence[UploadedFile],
    actor: User,
) -> ApplicationEvent:
    """第五条至第七条第1款: a cultivation project now in production becomes recognised, on evidence.

    Only when it entered production by the call's cultivation deadline: a
    later date means it did not meet the condition it was admitted on, and
    the project can only be dropped once the deadline has passed.
    """
    reason = _required(reason, "reason", _("请填写转为认定的理由"))
    problem = conversion_problem(
        production_started_on,
        applied_on=application.applied_on or production_started_on,
        today=timezone.localdate(),
        policy=application.call.get_policy(),
    )
    if problem is not None:
        raise ValidationError({"production_started_on": problem.render(current_lang())})
    require_files(files, _("请上传建成投产的证明材料"))
    return transition(
        application,
        "convert_cultivation",
        actor,
        reason=reason,
        files=files,
        file_kind=AttachmentKind.EVIDENCE,
        data={"production_started_on": production_started_on.isoformat()},
    )


# ------------------------------------------------------------ revocation (Art. 12)


def do_revoke_recognition(
    application: Application,
    *,
    reason: str,
    document_number: str,
    revoked_on: dt.date,
    subsidy_to_recover: Decimal | None = None,
    files: Sequence[UploadedFile],
    actor: User,
) -> Revocation:
    """第十二条: revoke a recognition obtained by fraud.

    Writes the ``Revocation`` record the eligibility core reads: from
    ``revoked_on``, the enterprise's applications fail ``not_banned`` for the
    call's ``ban_years`` (three by the Rules). The support to recover is what
    was paid (Art. 11) unless a smaller amount is given, never more. In the
    same transaction every other open application of the enterprise ends
    (``refuse_under_ban``), each with its own history event and message.
    """
    reason = _required(reason, "reason", _("请填写撤销原因"))
    check_not_future(revoked_on, field="revoked_on", label=_("撤销日期"))
    document_number = check_document_number(document_number, revoked_on.year)
    require_files(files, _("请上传弄虚作假的核实材料"))
    paid_out = paid(application)
    subsidy = (
        paid_out
        if subsidy_to_recover is None
        else check_yuan(subsidy_to_recover, field="subsidy_to_recover", label=_("应收回奖补资金"))
    )
    if subsidy > paid_out:
        raise ValidationError(
            {
                "subsidy_to_recover": _("应收回的奖补资金 %(amount)s 元超过已拨付的 %(paid)s 元")
                % {"amount": subsidy, "paid": paid_out}
            }
        )
    written: list[Revocation] = []

    def revoke(locked: Application, event: ApplicationEvent) -> None:
        revocation = Revocation(
            enterprise=locked.enterprise,
            application=locked,
            recorded_by=actor,
            source=document_number,
            revoked_on=revoked_on,
            reason=reason,
            document_number=document_number,
            subsidy_to_recover=subsidy,
        )
        revocation.full_clean()
        revocation.save()
        written.append(revocation)
        _end_open_applications(locked, revocation, actor)
        emit(RecordAdded(locked.enterprise_id))  # the ban is part of every verdict of the enterprise

    transition(
        application,
        "revoke",
        actor,
        reason=reason,
        files=files,
        file_kind=AttachmentKind.EVIDENCE,
        data={
            "document_number": document_number,
            "subsidy_to_recover": str(subsidy),
            "revoked_on": revoked_on.isoformat(),
        },
        record=revoke,
    )
    return written[0]


def other_open_applications(application: Application) -> QuerySet[Application]:
    """The enterprise's other applications still on their way (what a revocation for fraud ends, Art. 12)."""
    return Application.objects.filter(enterprise_id=application.enterprise_id, status__in=OPEN).exclude(
        pk=application.pk
    )


def other_recognitions(application: Application) -> QuerySet[Application]:
    """The enterprise's other recognitions and cultivation projects, for the Department to review (Art. 12)."""
    return (
        Application.objects.filter(
            enterprise_id=application.enterprise_id, status__in=(Status.RECOGNISED, Status.CULTIVATING)
        )
        .exclude(pk=application.pk)
        .select_related("call")
        .order_by("reference")
    )


def _end_open_applications(application: Application, revocation: Revocation, actor: User) -> None:
    """第十二条: no application of the enterprise is accepted for three years; those under way end now."""
    others = {a.pk: a for a in other_open_applications(application)}
    reason = _(
        "本企业的认定（%(reference)s）因弄虚作假已于%(day)s被撤销（%(number)s），根据第十二条三年内不再受理其认定申请，"
        "本申报终止办理。"
    ) % {
        "reference": application.reference,
        "day": revocation.revoked_on.isoformat(),
        "number": revocation.document_number,
    }
    take_batch(
        {pk: Move("refuse_under_ban", reason) for pk in others},
        expected={pk: a.status for pk, a in others.items()},
        actor=actor,
        data={"revocation": revocation.pk},
    )


def recovered(revocation: Revocation) -> Decimal:
    total: Decimal | None = revocation.recoveries.aggregate(total=Sum("amount"))["total"]
    return total if total is not None else Decimal("0.00")


def outstanding(revocation: Revocation) -> Decimal:
    """What is still to be recovered of the subsidy (第十二条 收回奖补资金)."""
    return Decimal(revocation.subsidy_to_recover) - recovered(revocation)


def do_record_recovery(
    revocation: Revocation, *, recovered_on: dt.date, amount: Decimal, note: str, actor: User
) -> SubsidyRecovery:
    """第十二条: one repayment of the subsidy; never more than is still owed."""
    require(can_run_stages(actor))
    amount = check_yuan(amount, field="amount", label=_("收回金额"), positive=True)
    check_not_future(recovered_on, field="recovered_on", label=_("收回日期"))
    with transaction.atomic():
        locked = Revocation.objects.select_for_update().get(pk=revocation.pk)
        if recovered_on < locked.revoked_on:
            raise ValidationError({"recovered_on": _("收回日期不能早于撤销日期")})
        owed = outstanding(locked)
        if amount > owed:
            raise ValidationError(
                {"amount": _("收回金额 %(amount)s 元超过尚未收回的 %(owed)s 元") % {"amount": amount, "owed": owed}}
            )
        recovery = SubsidyRecovery.objects.create(
            revocation=locked, recovered_on=recovered_on, amount=amount, note=note.strip(), recorded_by=actor
        )
        record(
            actor=actor,
            role=Role.DEPARTMENT,
            verb="record_subsidy_recovery",
            target=locked,
            summary=f"{locked.enterprise.name} {amount}",
            changes={"amount": str(amount), "outstanding": [str(owed), str(owed - amount)]},
        )
    return recovery
