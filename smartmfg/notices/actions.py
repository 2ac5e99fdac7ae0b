"""Writes of 第十条 after deliberation: the public notice, objections, the end of the notice, publication.

Each action checks the permission itself, runs in one transaction and
leaves its history (the steps through ``transition``, the rest in the audit
trail). Batch steps refuse the whole batch when any application changed
state since the officer's page was shown (``evaluations.batch``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access import ALLOW, Decision, can_run_stages, deny, require
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application
from smartmfg.applications.states import Status, Track
from smartmfg.audit.actions import record
from smartmfg.calls.models import Call
from smartmfg.lib.validators import check_document_number
from smartmfg.lib.workdays import last_working_day
from smartmfg.notices.models import Objection, Publication, PublicNotice
from smartmfg.rules.divisions import full_name
from smartmfg.rules.facts import TIER_LABELS
from smartmfg.workflow.batch import BatchConflict, Move, require_chosen, take_batch
from smartmfg.workflow.transition import transition


def _required(text: str, field: str, message: str) -> str:
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
    title = _required(title, "title", _("请填写公示标题"))
    contact = _required(contact, "contact", _("请填写异议受理联系方式"))
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
    reason = _required(reason, "reason", _("请填写延长公示的理由"))
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


def do_record_objection(
    notice: PublicNotice,
    application: Application,
    *,
    received_on: dt.date,
    objector: str,
    objector_contact: str,
    content: str,
    actor: User,
) -> Objection:
    """第十条: an objection received during the notice period, against one application on the list."""
    require(can_run_stages(actor))
    content = _required(content, "content", _("请填写异议内容"))
    with transaction.atomic():
        locked = PublicNotice.objects.select_for_update().get(pk=notice.pk)
        if locked.status != PublicNotice.Status.OPEN:
            raise ValidationError({"__all__": _("公示已结束，不能再登记异议")})
        if not locked.starts_on <= received_on <= min(locked.ends_on, timezone.localdate()):
            raise ValidationError(
                {
                    "received_on": _("收到日期须在公示期内（%(start)s至%(end)s）且不晚于今天")
                    % {"start": locked.starts_on.isoformat(), "end": locked.ends_on.isoformat()}
                }
            )
        if not locked.applications.filter(pk=application.pk, status=Status.IN_NOTICE).exists():
            raise ValidationError({"application": _("该申报不在本次公示名单中")})
        objection = Objection.objects.create(
            notice=locked,
            application=application,
            received_on=received_on,
            objector=objector.strip(),
            objector_contact=objector_contact.strip(),
            content=content,
            recorded_by=actor,
        )
        record(
            actor=actor,
            role=Role.DEPARTMENT,
            verb="record_objection",
            target=objection,
            summary=f"{application.reference} {received_on.isoformat()}",
        )
    return objection


def do_decide_objection(objection: Objection, *, upheld: bool, outcome: str, actor: User) -> Objection:
    """第十条: decide an objection, with the reasons.

    Upheld: the application leaves the list (异议成立). Dismissed: recorded
    on the application, which stays on the list. An objection against an
    application another upheld objection already took off is decided
    without a further step.
    """
    require(can_run_stages(actor))
    outcome = _required(outcome, "outcome", _("请填写处理意见"))
    with transaction.atomic():
        locked = Objection.objects.select_for_update().select_related("application__call").get(pk=objection.pk)
        if locked.status != Objection.Status.OPEN:
            raise ValidationError({"__all__": _("该异议已处理")})
        application = locked.application
        if application.status == Status.IN_NOTICE:
            action = "uphold_objection" if upheld else "dismiss_objection"
            transition(application, action, actor, reason=outcome, data={"objection": locked.pk})
        locked.status = Objection.Status.UPHELD if upheld else Objection.Status.DISMISSED
        locked.outcome = outcome
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "outcome", "decided_by", "decided_at"])
        record(
            actor=actor,
            role=Role.DEPARTMENT,
            verb="decide_objection",
            target=locked,
            summary=f"{application.reference} {locked.get_status_display()}",
            reason=outcome,
        )
    return locked


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


# ----------------------------------------------------------------- publication


def do_publish(
    call: Call,
    application_ids: Sequence[int],
    *,
    document_number: str,
    title: str,
    published_on: dt.date,
    body: str = "",
    actor: User,
) -> Publication:
    """第十条: the final list by official document (发文公布).

    Each application becomes 已认定, or 培育中 when its project was under
    construction (track ``cultivation``, 第五条至第七条第1款), all in one transaction.
    """
    require(can_run_stages(actor))
    document_number = check_document_number(document_number, published_on.year)
    title = _required(title, "title", _("请填写标题"))
    require_chosen(application_ids)
    if published_on > timezone.localdate():
        raise ValidationError({"published_on": _("发文日期不能晚于今天")})
    with transaction.atomic():
        if Publication.objects.filter(document_number=document_number).exists():
            raise ValidationError({"document_number": _("文号 %(number)s 已被使用") % {"number": document_number}})
        # The track decides the outcome (第五条至第七条第1款); it is set at submission and cannot change after it.
        tracks = dict(Application.objects.filter(pk__in=application_ids).values_list("pk", "track"))
        moves = {pk: Move("publish", to=_outcome_of(tracks.get(pk, ""))) for pk in application_ids}

        def issue(applications: list[Application]) -> Publication:
            publication = Publication.objects.create(
                call=call,
                document_number=document_number,
                title=title,
                published_on=published_on,
                body=body.strip(),
                entries=sorted((entry(a) for a in applications), key=_list_order),
                published_by=actor,
            )
            publication.applications.set(applications)
            return publication

        batch = take_batch(
            moves, expected=Status.NOTICE_PASSED, actor=actor, call=call, document=issue, data_key="publication"
        )
        publication = batch.document
        assert isinstance(publication, Publication)
        applications = batch.applications
        record(
            actor=actor,
            role=Role.DEPARTMENT,
            verb="publish",
            target=publication,
            summary=f"{document_number} {title}",
            changes={"applications": len(applications)},
        )
    return publication


def _list_order(line: dict[str, Any]) -> tuple[int, bool, str]:
    """The published list by tier (workshop first), recognised before cultivation, then by reference."""
    tiers = list(TIER_LABELS)
    tier = tiers.index(line["tier"]) if line["tier"] in tiers else len(tiers)
    return (tier, line["outcome"] != Status.RECOGNISED, line["reference"])


def outcome(application: Application) -> Status:
    """第五条至第七条第1款: a project under construction enters cultivation instead of being recognised."""
    return _outcome_of(application.track)


def _outcome_of(track: str) -> Status:
    return Status.CULTIVATING if track == Track.CULTIVATION else Status.RECOGNISED


def entry(application: Application) -> dict[str, Any]:
    """One line of the published list, as issued."""
    return {
        "application": application.pk,
        "reference": application.reference,
        "enterprise": application.enterprise.name,
        "tier": application.tier,
        "project": application.project_name,
        "region": full_name(application.project_division) if application.project_division else "",
        "outcome": outcome(application).value,
    }
