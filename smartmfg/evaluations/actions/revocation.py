"""第十二条: revocation of a recognition obtained by fraud, the ban it brings, the support recovered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from smartmfg.access import can_run_stages, require
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application, ApplicationEvent, AttachmentKind
from smartmfg.applications.states import OPEN, Status
from smartmfg.audit.actions import record
from smartmfg.enterprises.events import RecordAdded
from smartmfg.enterprises.models import Revocation, SubsidyRecovery
from smartmfg.evaluations.actions.common import _required
from smartmfg.lib.events import emit
from smartmfg.lib.validators import check_document_number, check_not_future, check_yuan
from smartmfg.support.actions import paid
from smartmfg.workflow.batch import Move, require_files, take_batch
from smartmfg.workflow.transition import transition


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
    was paid (第十一条) unless a smaller amount is given, never more. In the
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
    """The enterprise's other applications still on their way (what a revocation for fraud ends, 第十二条)."""
    return Application.objects.filter(enterprise_id=application.enterprise_id, status__in=OPEN).exclude(
        pk=application.pk
    )


def other_recognitions(application: Application) -> QuerySet[Application]:
    """The enterprise's other recognitions and cultivation projects, for the Department to review (第十二条)."""
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
