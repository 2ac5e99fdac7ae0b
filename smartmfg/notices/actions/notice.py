"""The public notice of 第十条: its start, its extension, its end once every objection is decided.

Each action checks the permission itself, runs in one transaction and
leaves its history (the steps through ``transition``, the rest in the audit
trail). Batch steps refuse the whole batch when any application changed
state since the officer's page was shown (``workflow.batch``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access import ALLOW, Decision, can_run_stages, deny, require
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application
from smartmfg.applications.states import Status
from smartmfg.audit.actions import record
from smartmfg.calls.models import Call
from smartmfg.lib.workdays import last_working_day
from smartmfg.notices.models import Objection, PublicNotice
from smartmfg.workflow.batch import BatchConflict, Move, require_chosen, take_batch


def required(text: str, field: str, message: str) -> str:
    """``text`` stripped, or ``ValidationError`` on ``field`` when it is blank."""
    if not text.strip():
        raise ValidationError({field: message})
    return text.strip()


# ------------------------------------------------------------------ the notice


def do_start_notice(
    call: Call,
    application_ids: Sequence[int],
    *,
    title: str,
    starts_on: dt.date,
    contact: str,
    body: str = "",
    actor: User,
) -> PublicNotice:
    """第十条: put the approved applications out for public notice.

    The notice starts today or later, never in the past (a notice nobody
    could read is no notice), and runs the call's ``notice_working_days``
    working days from its start, State Council holidays and adjusted working
    days included (``notice_period``). It may be extended, never shortened.
    """
    require(can_run_stages(actor))
    title = required(title, "title", _("请填写公示标题"))
    contact = required(contact, "contact", _("请填写异议受理联系方式"))
    require_chosen(application_ids)
    today = timezone.localdate()
    if starts_on < today:
        raise ValidationError(
            {
                "starts_on": _("公示开始日期不能早于今天（%(today)s）：公示须向社会公开，不能补登过去的公示")
                % {"today": today}
            }
        )
    ends_on = notice_period(call, starts_on)

    def announce(applications: list[Application]) -> PublicNotice:
        notice = PublicNotice.objects.create(
            call=call,
            title=title,
            body=body.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            contact=contact,
            started_by=actor,
        )
        notice.applications.set(applications)
        return notice

    with transaction.atomic():
        batch = take_batch(
            dict.fromkeys(application_ids, Move("start_notice")),
            expected=Status.APPROVED,
            actor=actor,
            call=call,
            document=announce,
            data_key="notice",
        )
        notice = batch.document
        assert isinstance(notice, PublicNotice)
        applications = batch.applications
        record(
            actor=actor,
            role=Role.DEPARTMENT,
            verb="start_notice",
            target=notice,
            summary=title,
            changes={"applications": len(applications), "period": [starts_on.isoformat(), ends_on.isoformat()]},
        )
    return notice


def notice_period(call: Call, starts_on: dt.date) -> dt.date:
    """The last day of a notice of ``call`` starting on ``starts_on``: the policy's working days (第十条)."""
    return last_working_day(starts_on, call.get_policy().notice_working_days)


def do_extend_notice(notice: PublicNotice, *, ends_on: dt.date, reason: str, actor: User) -> PublicNotice:
    """第十条: extend an open notice to a later end; it can never be shortened, nor reopened once its period is over."""
    require(can_run_stages(actor))
    reason = required(reason, "reason", _("请填写延长公示的理由"))
    with transaction.atomic():
        locked = PublicNotice.objects.select_for_update().get(pk=notice.pk)
        if locked.status != PublicNotice.Status.OPEN:
            raise ValidationError({"__all__": _("该公示已结束")})
        if timezone.localdate() > locked.ends_on:
            raise ValidationError(
                {"ends_on": _("公示期已于 %(end)s 届满，不能再延长") % {"end": locked.ends_on.isoformat()}}
            )
        if ends_on <= locked.ends_on:
            raise ValidationError(
                {
                    "ends_on": _("公示只能延长、不能缩短：新的截止日期须晚于 %(end)s")
                    % {"end": locked.ends_on.isoformat()}
                }
            )
        before = locked.ends_on
        locked.ends_on = ends_on
        locked.save(update_fields=["ends_on"])
        record(
            actor=actor,
            role=Role.DEPARTMENT,
            verb="extend_notice",
            target=locked,
            summary=locked.title,
            reason=reason,
            changes={"ends_on": [before.isoformat(), ends_on.isoformat()]},
        )
    notice.ends_on = ends_on
    return locked


def in_notice(notice: PublicNotice) -> list[Application]:
    """The applications still on the notice's list (an upheld objection takes one off)."""
    return list(
        notice.applications.filter(status=Status.IN_NOTICE)
        .select_related("enterprise", "jurisdiction")
        .order_by("reference")
    )


def can_end(notice: PublicNotice) -> Decision:
    """第十条: a notice ends once its period is over (the day after its end date) with no objection pending."""
    if notice.status != PublicNotice.Status.OPEN:
        return deny(_("该公示已结束"))
    if timezone.localdate() <= notice.ends_on:
        return deny(_("公示期至 %(end)s，期满后才能结束公示") % {"end": notice.ends_on.isoformat()})
    pending = list(notice.objections.filter(status=Objection.Status.OPEN).select_related("application"))
    if pending:
        names = "、".join(o.application.reference for o in pending)
        return deny(_("还有 %(n)d 件异议未处理：%(names)s") % {"n": len(pending), "names": names})
    return ALLOW


def do_end_notice(notice: PublicNotice, application_ids: Sequence[int], *, actor: User) -> PublicNotice:
    """第十条: close the notice once its period is over and every objection is decided.

    The applications still on the list (``application_ids``, as the officer
    saw them) pass the notice (公示无异议) and wait for publication.
    """
    require(can_run_stages(actor))
    with transaction.atomic():
        locked = PublicNotice.objects.select_for_update().select_related("call").get(pk=notice.pk)
        decision = can_end(locked)
        if not decision:
            raise ValidationError({"__all__": str(decision.reason)})
        remaining = set(locked.applications.filter(status=Status.IN_NOTICE).values_list("pk", flat=True))
        if set(application_ids) != remaining:
            changed = list(Application.objects.filter(pk__in=set(application_ids) ^ remaining))
            raise BatchConflict(changed)
        applications = take_batch(
            dict.fromkeys(application_ids, Move("end_notice")),
            expected=Status.IN_NOTICE,
            actor=actor,
            call=locked.call,
            data={"notice": locked.pk},
        ).applications
        locked.status = PublicNotice.Status.ENDED
        locked.ended_by = actor
        locked.ended_at = timezone.now()
        locked.save(update_fields=["status", "ended_by", "ended_at"])
        record(
            actor=actor,
            role=Role.DEPARTMENT,
            verb="end_notice",
            target=locked,
            summary=locked.title,
            changes={"passed": len(applications)},
        )
    notice.status = locked.status
    return locked
