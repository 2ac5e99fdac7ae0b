"""Writes of the review stages: judgements of manual rules, recommendation letters.

Each action checks the permission itself, runs in one transaction and leaves
its history: an ``AuditEntry`` for judgements and letters, and for sending a
letter one ``ApplicationEvent`` per listed application through ``transition``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access import (
    JUDGED_RULES,
    can_change_letter,
    can_draft_letter,
    can_record_judgement,
    require,
)
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.actions import stored_files
from smartmfg.applications.models import Application, ApplicationEvent, Judgement
from smartmfg.applications.states import Status
from smartmfg.audit.actions import record
from smartmfg.calls.models import Call
from smartmfg.eligibility.actions import refresh_verdict
from smartmfg.eligibility.gates import held_back
from smartmfg.lib.workdays import working_days_after
from smartmfg.reviews import documents
from smartmfg.reviews.letters import candidates, letter_content, next_document_number
from smartmfg.reviews.models import LetterStatus, RecommendationLetter
from smartmfg.rules import document_numbers
from smartmfg.rules.requirements import INITIAL_REVIEW
from smartmfg.workflow.batch import Move, take_batch
from smartmfg.workflow.transition import Conflict, transition

# ----------------------------------------------------------------- judgements


def do_record_judgement(application: Application, rule: str, result: str, note: str, *, actor: User) -> Judgement:
    """Record a person's judgement of a ``manual`` rule (domain.md §3).

    第四条: the bureau holding the application judges "production, operations
    and finances in good order" (``operations_finance``) at the initial
    review; the Department records the experts' ``technical_merit``
    (第五条至第七条第3款). Judgements are appended, never changed: the latest one
    counts (``guards.operations_judged_pass``), the earlier ones stay as
    history. A "不符合" judgement needs its note.
    """
    if result not in Judgement.Result.values:
        raise ValidationError({"result": _("请选择“符合”或“不符合”")})
    note = note.strip()
    if result == Judgement.Result.FAIL and not note:
        raise ValidationError({"note": _("判断为不符合时，请说明理由")})
    with transaction.atomic():
        locked = Application.objects.select_for_update(of=("self",)).select_related("holder").get(pk=application.pk)
        require(can_record_judgement(actor, locked, rule))
        role = JUDGED_RULES[rule][0]
        judgement = Judgement.objects.create(
            application=locked, rule=rule, result=result, note=note, judged_by=actor, role=role.value
        )
        refresh_verdict(locked)  # the judgement is part of the verdict
        record(
            actor=actor,
            role=role,
            verb="record_judgement",
            target=locked,
            summary=f"{locked.reference} {rule}={result}",
            reason=note,
            changes={"rule": rule, "result": result},
        )
    return judgement


# ------------------------------------------------------------------- returns


def default_response_deadline(application: Application) -> dt.date:
    """The call's ``return_response_working_days`` working days after today (State Council calendar)."""
    return working_days_after(timezone.localdate(), application.call.get_policy().return_response_working_days)


def do_return_for_correction(
    application: Application, *, reason: str, respond_by: dt.date | None, actor: User
) -> ApplicationEvent:
    """第八条: the bureau returns an application for correction, and sets the day by which it must come back.

    Until that day (included) the enterprise may submit it again, even after
    the call has closed (``guards.ready_to_submit``); without a day, the
    call's working days count from today.
    """
    due = respond_by or default_response_deadline(application)
    if due < timezone.localdate():
        raise ValidationError({"respond_by": _("重新提交期限不能早于今天")})
    return transition(application, "bureau_return", actor, reason=reason, data={"respond_by": due.isoformat()})


# -------------------------------------------------------------------- letters


class LetterConflict(Conflict):
    """Listed applications changed after the letter was drafted: nothing was sent."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__(
            _("以下申报在推荐函拟稿后发生了变化，本函未报送，请修改推荐函重新核对：%(items)s")
            % {"items": "；".join(self.problems)}
        )


@dataclass(frozen=True)
class LetterDraft:
    """What the officer writes: the title, the body and the chosen applications."""

    title: str
    body: str
    applications: Sequence[Application]


def do_draft_letter(call: Call, draft: LetterDraft, *, actor: User) -> RecommendationLetter:
    """第八条: draft a letter of the actor's bureau listing some of its passed applications.

    The recipient is where the bureau reports: the Department, or its parent
    bureau when it does not report directly. The document number is taken
    from the bureau's sequence of the year now.
    """
    require(can_draft_letter(actor))
    bureau = actor.jurisdiction
    assert bureau is not None  # can_draft_letter
    with transaction.atomic():
        chosen = _check_choice(actor, call, draft, letter=None)
        letter = RecommendationLetter.objects.create(
            call=call,
            sender=bureau,
            recipient=bureau.recommendation_target(),
            document_number=next_document_number(bureau, timezone.localdate().year),
            title=draft.title.strip(),
            body=draft.body.strip(),
            created_by=actor,
            revised_at=timezone.now(),
        )
        letter.applications.set(chosen)
        record(
            actor=actor,
            role=Role.BUREAU,
            verb="draft_letter",
            target=letter,
            summary=f"{letter.document_number} {letter.title}",
            changes={"applications": [a.reference for a in chosen]},
        )
    return letter


def do_update_letter(letter: RecommendationLetter, draft: LetterDraft, *, actor: User) -> RecommendationLetter:
    """Change a draft: its title, body and list; the recipient follows the bureau's current setting."""
    with transaction.atomic():
        locked = _lock_draft(letter, actor)
        chosen = _check_choice(actor, locked.call, draft, letter=locked)
        before = sorted(locked.applications.values_list("reference", flat=True))
        locked.title = draft.title.strip()
        locked.body = draft.body.strip()
        locked.recipient = locked.sender.recommendation_target()
        locked.revision += 1
        locked.revised_at = timezone.now()
        locked.save(update_fields=["title", "body", "recipient", "revision", "revised_at"])
        locked.applications.set(chosen)
        record(
            actor=actor,
            role=Role.BUREAU,
            verb="update_letter",
            target=locked,
            summary=f"{locked.document_number} {locked.title}",
            changes={"applications": [before, sorted(a.reference for a in chosen)]},
        )
    return locked


def do_cancel_letter(letter: RecommendationLetter, reason: str, *, actor: User) -> RecommendationLetter:
    """Void a draft; its number stays used (a document number is never handed out twice)."""
    if not reason.strip():
        raise ValidationError({"reason": _("请填写作废理由")})
    with transaction.atomic():
        locked = _lock_draft(letter, actor)
        locked.status = LetterStatus.CANCELLED
        locked.save(update_fields=["status"])
        record(
            actor=actor,
            role=Role.BUREAU,
            verb="cancel_letter",
            target=locked,
            summary=locked.document_number,
            reason=reason.strip(),
        )
    return locked


def do_send_letter(letter: RecommendationLetter, *, actor: User, revision: int) -> list[ApplicationEvent]:
    """第八条: send the letter: every listed application moves, the letter is frozen with its documents.

    In one transaction: each listed application takes ``recommend`` (the
    letter goes to the Department, which then holds them) or ``forward``
    (it goes to the parent bureau, which then holds them and reports them in
    its own letter) through ``transition``, each with its own history event
    linked to the letter; the letter is marked sent; its Word and PDF are
    generated and stored. ``revision`` is the version of the draft the
    officer saw. If the draft or any listed application changed since, nothing
    is done and ``LetterConflict`` (or ``Conflict``) says what.
    """
    with stored_files() as written, transaction.atomic():
        locked = _lock_draft(letter, actor)
        if locked.revision != revision:
            raise Conflict(_("推荐函刚刚已由他人修改，请刷新后核对再报送。"))
        if locked.recipient_id != locked.sender.recommendation_target().pk:
            raise Conflict(_("本部门的报送对象已调整，请修改推荐函核对接收部门后再报送。"))
        applications = _lock_listed(locked)
        if not applications:
            raise ValidationError(_("推荐函未列入任何申报"))
        problems = _changed_since_draft(locked, applications, actor)
        if problems:
            raise LetterConflict(problems)
        renumbered = _numbered_this_year(locked)
        events = _take_steps(locked, applications, actor)
        locked.status = LetterStatus.SENT
        locked.sent_by = actor
        locked.sent_at = timezone.now()
        _attach_documents(locked, applications, written)
        locked.save(update_fields=["status", "sent_by", "sent_at", "docx", "pdf", "document_number"])
        locked.events.set(events)
        record(
            actor=actor,
            role=Role.BUREAU,
            verb="send_letter",
            target=locked,
            summary=f"{locked.document_number} → {locked.recipient.name}",
            changes={"applications": [a.reference for a in applications], **renumbered},
        )
    return events


def _numbered_this_year(letter: RecommendationLetter) -> dict[str, list[str]]:
    """GB/T 9704-2012 §7.2.4: a document's number carries the year it is issued.

    A letter drafted in one year and sent in the next takes the next number
    of the new year; its old number stays used (numbers are never handed out
    twice). Returns the change for the audit entry.
    """
    year = timezone.localdate().year
    number = document_numbers.parse(letter.document_number)
    if number is None or number.year == year:
        return {}
    old = letter.document_number
    letter.document_number = next_document_number(letter.sender, year)
    return {"document_number": [old, letter.document_number]}


def _lock_draft(letter: RecommendationLetter, actor: User) -> RecommendationLetter:
    locked = (
        RecommendationLetter.objects.select_for_update(of=("self",))
        .select_related("call", "sender", "recipient")
        .get(pk=letter.pk)
    )
    require(can_change_letter(actor, locked))
    return locked


def _check_choice(
    actor: User, call: Call, draft: LetterDraft, *, letter: RecommendationLetter | None
) -> list[Application]:
    """The chosen applications, each one a candidate of this bureau and call (第八条)."""
    if not draft.title.strip():
        raise ValidationError({"title": _("请填写标题")})
    if not draft.applications:
        raise ValidationError({"applications": _("请至少选择一项初审通过的申报")})
    allowed = {a.pk: a for a in candidates(actor, call, letter=letter)}
    refused = [a.reference for a in draft.applications if a.pk not in allowed]
    if refused:
        raise ValidationError({"applications": _("以下申报不能列入本函：%(items)s") % {"items": "、".join(refused)}})
    chosen = [allowed[a.pk] for a in draft.applications]
    held = held_back(Application.objects.filter(pk__in=[a.pk for a in chosen]), INITIAL_REVIEW)
    if held:
        items = "；".join(f"{a.reference}（{'；'.join(held[a.pk])}）" for a in chosen if a.pk in held)
        message = _("以下申报不符合认定条件，不能列入推荐函：%(items)s") % {"items": items}
        raise ValidationError({"applications": message})
    return chosen


def _lock_listed(letter: RecommendationLetter) -> list[Application]:
    return list(
        Application.objects.select_for_update(of=("self",))
        .filter(letters=letter)
        .select_related("enterprise", "holder", "call")
        .order_by("reference")
    )


def _changed_since_draft(letter: RecommendationLetter, applications: list[Application], actor: User) -> list[str]:
    """The listed applications that cannot go with this letter any more, each with why."""
    bureau = letter.sender
    held = held_back(Application.objects.filter(pk__in=[a.pk for a in applications]), INITIAL_REVIEW)
    problems = []
    for application in applications:
        if application.status != Status.BUREAU_PASSED:
            why = _("现状态：%(status)s") % {"status": application.get_status_display()}
        elif application.holder is None or not bureau.contains(application.holder):
            why = _("已不由本部门办理")
        elif application.updated_at > letter.revised_at:
            why = _("拟稿后有过办理")
        elif application.pk in held:
            why = _("不符合认定条件：%(why)s") % {"why": "；".join(held[application.pk])}
        else:
            continue
        problems.append(f"{application.reference}（{why}）")
    return problems


def _take_steps(letter: RecommendationLetter, applications: list[Application], actor: User) -> list[ApplicationEvent]:
    """Every listed application takes ``recommend`` (to the Department) or ``forward`` (to the parent bureau,
    which then holds it: the table's ``holder`` column), all or none."""
    action = "recommend" if letter.to_department else "forward"
    reason = _("随%(number)s报送%(recipient)s") % {"number": letter.document_number, "recipient": letter.recipient.name}
    batch = take_batch(
        {a.pk: Move(action, reason) for a in applications},
        expected=Status.BUREAU_PASSED,
        actor=actor,
        call=letter.call,
        data={"letter_id": letter.pk, "document_number": letter.document_number},
    )
    return batch.events


def _attach_documents(letter: RecommendationLetter, applications: list[Application], written: list[str]) -> None:
    """Generate the Word and PDF of the letter as sent and store them (removed again if anything fails)."""
    content = letter_content(letter, applications)
    stem = f"{letter.sent_at:%Y}/{uuid.uuid4().hex}"
    letter.docx.save(f"{stem}.docx", ContentFile(documents.build_docx(content)), save=False)
    written.append(letter.docx.name)
    letter.pdf.save(f"{stem}.pdf", ContentFile(documents.build_pdf(content)), save=False)
    written.append(letter.pdf.name)
