"""Objections (异议) to the entries of a public notice (第十条), from filing to the reply to the objector.

The steps, each an event on the application's history (docs/objections.md):
``receive_objection`` (filed online by the public, or entered by the Department
from a letter, a call or a visit), ``ask_enterprise`` and ``answer_objection``
(the Department asks the enterprise to explain itself, once per question), the
decision ``uphold_objection`` / ``dismiss_objection`` (upheld, the entry leaves
the list), and ``reply_objector``. Only the decision may change the
application's state.

Privacy (domain.md §8): the objector's identity and contact details are on the
objection and nowhere else. An event's reason is read by whoever may open the
application (its enterprise, its bureau), so the filing and the reply carry
none; the question and the enterprise's answer do, being addressed to the
enterprise.

An online objector has no account. The filing's event is therefore written
here and not by ``transition`` (which needs an acting user holding the step's
role): in place (the state does not change), under the lock of the
application, with the platform's account for the public as its actor
(``public_account``: no role, no password, never active). It emits the same
``StepTaken`` as a step, so the enterprise is told as of any step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access import can_answer_objection, can_run_stages, closed_text, require
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.actions import stored_files
from smartmfg.applications.models import Application, ApplicationEvent, AttachmentKind
from smartmfg.applications.states import Status
from smartmfg.audit.actions import record
from smartmfg.lib.actions import next_number, save_with_file, upload_facts
from smartmfg.lib.events import emit
from smartmfg.notices.abuse import draft_hours
from smartmfg.notices.actions.notice import required
from smartmfg.notices.answers import check_answers, check_evidence, max_chars, max_file_mb, max_files
from smartmfg.notices.events import ObjectionAnswered, ObjectionFiled, ObjectorReplied
from smartmfg.notices.links import hash_token, new_token
from smartmfg.notices.models import Objection, ObjectionDraft, ObjectionFile, ObjectionQuestion, PublicNotice
from smartmfg.workflow.events import StepTaken
from smartmfg.workflow.transition import transition

# The platform's account for the public: the actor of an online filing's event (see the module's docstring).
PUBLIC_USERNAME = "smartmfg-public"
PUBLIC_NAME = "社会公众（网上提交）"  # stored as the account's name, shown in the history as the actor
PUBLIC_ROLE = "public"
# Channels the Department enters objections from; ``online`` is the public form's alone.
OFFLINE_CHANNELS = (Objection.Channel.LETTER, Objection.Channel.PHONE, Objection.Channel.VISIT)


def public_account() -> User:
    """The account an online filing's history names as its actor: inactive, with no role and no password."""
    account, _created = User.objects.get_or_create(
        username=PUBLIC_USERNAME,
        defaults={"name": PUBLIC_NAME, "is_active": False, "password": make_password(None)},
    )
    return account


def next_receipt_number(year: int) -> str:
    """回执号 YY-2026-000123: sequential per year, never handed out twice."""
    return f"YY-{year}-{next_number(f'objection-receipt:{year}'):06d}"


# ------------------------------------------------------------------- evidence


def _store_evidence(
    upload: UploadedFile,
    content_type: str,
    *,
    written: list[str],
    draft: ObjectionDraft | None = None,
    objection: Objection | None = None,
    actor: User | None = None,
) -> ObjectionFile:
    """Write one evidence file and its row (inside a transaction and ``stored_files``)."""
    item = ObjectionFile(
        draft=draft, objection=objection, content_type=content_type, uploaded_by=actor, **upload_facts(upload)
    )
    save_with_file(item, upload, written)
    return item


def _remove_files(files: QuerySet[ObjectionFile]) -> None:
    """Rows now, the stored files once the transaction has committed (storage does not roll back)."""
    names = list(files.values_list("file", flat=True))
    files.delete()

    def unlink() -> None:
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(unlink)


def _check_files(uploads: Sequence[UploadedFile], *, kept: int, max_mb: int) -> list[str]:
    if kept + len(uploads) > max_files():
        raise ValidationError(
            {
                "evidence": _("证明材料最多%(max)d个文件（已保存%(kept)d个，本次选择了%(new)d个），请合并或删减后上传")
                % {"max": max_files(), "kept": kept, "new": len(uploads)}
            }
        )
    return [check_evidence(upload, max_mb=max_mb) for upload in uploads]


# ----------------------------------------------------------- the public's form


def do_save_draft(
    notice: PublicNotice,
    application: Application,
    answers: Mapping[str, Any],
    *,
    uploads: Sequence[UploadedFile] = (),
    remove: Iterable[int] = (),
    draft: ObjectionDraft | None = None,
) -> tuple[ObjectionDraft, str]:
    """第十条: keep an objector's answers and evidence between the form and the check of the answers.

    Without ``draft`` a new one starts (its caller has checked the challenge)
    and its token is returned; with one, the token is "" (the caller holds it).
    ``remove`` names files of the draft to take off. The files are checked here
    (type by content, size, count) before anything is written; the answers
    are kept as typed and checked when filed (``do_file_objection``). Drafts
    left unconfirmed past ``OBJECTION_DRAFT_HOURS`` are purged as new ones start.
    """
    if not notice.is_open_at(timezone.now()):
        raise ValidationError({"__all__": closed_text(notice)})
    removing = set(remove)
    kept = 0 if draft is None else draft.files.filter(objection__isnull=True).exclude(pk__in=removing).count()
    types = _check_files(uploads, kept=kept, max_mb=max_file_mb(application.call))
    token = ""
    with stored_files() as written, transaction.atomic():
        if draft is None:
            purge_expired_drafts()
            token = new_token()
            draft = ObjectionDraft.objects.create(
                notice=notice, application=application, token_hash=hash_token(token), answers=dict(answers)
            )
        else:
            draft = ObjectionDraft.objects.select_for_update().get(pk=draft.pk)
            if draft.filed_id is not None:
                raise ValidationError({"__all__": _("该异议已提交，不能再修改")})
            draft.answers = dict(answers)
            draft.save(update_fields=["answers"])
            _remove_files(draft.files.filter(objection__isnull=True, pk__in=removing))
        for upload, content_type in zip(uploads, types, strict=True):
            _store_evidence(upload, content_type, written=written, draft=draft)
    return draft, token


def purge_expired_drafts() -> int:
    """Drafts never confirmed go with their files once expired: nobody's personal data lingers. Returns how many."""
    cutoff = timezone.now() - dt.timedelta(hours=draft_hours())
    stale = ObjectionDraft.objects.filter(created_at__lt=cutoff, filed__isnull=True)
    _remove_files(ObjectionFile.objects.filter(draft__in=stale, objection__isnull=True))
    deleted, _by_model = stale.delete()
    return deleted


def do_file_objection(draft: ObjectionDraft) -> tuple[Objection, str]:
    """第十条: file the objection of a confirmed draft, by the public, online; return it and its private token.

    The server decides, whatever the page showed: the notice is open to the
    minute (``PublicNotice.is_open_at``), the entry is still on its list, the
    answers pass ``check_answers``. The objection gets its receipt number and
    the hash of its private link; the draft's files become its evidence and the
    draft keeps nothing else. The filing is an event of the application's
    history with no reason (the objector stays private), told to the enterprise.
    """
    with transaction.atomic():
        held = ObjectionDraft.objects.select_for_update().get(pk=draft.pk)
        if held.filed_id is not None:
            raise ValidationError({"__all__": _("该异议已提交，请勿重复提交")})
        answers = check_answers(held.answers)
        notice = PublicNotice.objects.select_for_update().get(pk=held.notice_id)
        now = timezone.now()
        if not notice.is_open_at(now):
            raise ValidationError({"__all__": closed_text(notice)})
        application = Application.objects.select_for_update().get(pk=held.application_id)
        if application.status != Status.IN_NOTICE or not notice.applications.filter(pk=application.pk).exists():
            raise ValidationError({"__all__": _("该项目已不在公示名单中，不再受理异议")})
        token = new_token()
        objection = Objection.objects.create(
            notice=notice,
            application=application,
            receipt_number=next_receipt_number(timezone.localdate(now).year),
            channel=Objection.Channel.ONLINE,
            received_on=timezone.localdate(now),
            objector=answers["name"],
            objector_kind=answers["objector_kind"],
            organisation=answers["organisation"],
            organisation_uscc=answers["organisation_uscc"],
            phone=answers["phone"],
            email=answers["email"],
            content=answers["content"],
            token_hash=hash_token(token),
        )
        ObjectionFile.objects.filter(draft=held, objection__isnull=True).update(objection=objection)
        held.filed = objection
        held.answers = {}
        held.save(update_fields=["filed", "answers"])
        _public_filing_event(application, objection)
        record(
            actor=None,
            role=PUBLIC_ROLE,
            verb="file_objection",
            target=objection,
            summary=f"{objection.receipt_number} {application.reference}",
        )
        emit(ObjectionFiled(objection.pk, token))
    return objection, token


def _public_filing_event(application: Application, objection: Objection) -> ApplicationEvent:
    """The history's ``receive_objection`` for an online filing (under the application's lock): see the module."""
    actor = public_account()
    event = ApplicationEvent.objects.create(
        application=application,
        action="receive_objection",
        from_status=application.status,
        to_status=application.status,
        actor=actor,
        role=PUBLIC_ROLE,
        data=_event_data(objection),
    )
    emit(
        StepTaken(
            application.pk, event.pk, event.action, application.status, application.status, actor.pk, PUBLIC_ROLE, ""
        )
    )
    return event


def _event_data(objection: Objection, **more: Any) -> dict[str, Any]:
    """What an objection's events record: which objection, never who filed it."""
    return {"objection": objection.pk, "receipt": objection.receipt_number, "channel": objection.channel, **more}


# --------------------------------------------------------- the Department's


def do_record_objection(
    notice: PublicNotice,
    application: Application,
    *,
    received_on: dt.date,
    objector: str,
    objector_contact: str,
    content: str,
    channel: str = Objection.Channel.LETTER,
    files: Sequence[UploadedFile] = (),
    actor: User,
) -> Objection:
    """第十条: an objection received during the notice period by letter, phone or visit, entered by the Department.

    It gets a receipt number like an online one (to quote in the reply) but no
    private link; ``files`` are the letter's scans, kept as its evidence.
    """
    require(can_run_stages(actor))
    content = required(content, "content", _("请填写异议内容"))
    if channel not in OFFLINE_CHANNELS:
        raise ValidationError({"channel": _("请选择收到异议的渠道：来信、来电或来访")})
    types = _check_files(files, kept=0, max_mb=max_file_mb(application.call))
    with stored_files() as written, transaction.atomic():
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
            receipt_number=next_receipt_number(timezone.localdate().year),
            channel=channel,
            received_on=received_on,
            objector=objector.strip(),
            objector_contact=objector_contact.strip(),
            content=content,
            recorded_by=actor,
        )
        for upload, content_type in zip(files, types, strict=True):
            _store_evidence(upload, content_type, written=written, objection=objection, actor=actor)
        transition(application, "receive_objection", actor, seen=Status.IN_NOTICE, data=_event_data(objection))
        record(
            actor=actor,
            role=Role.DEPARTMENT,
            verb="record_objection",
            target=objection,
            summary=f"{objection.receipt_number} {application.reference} {received_on.isoformat()}",
        )
    return objection


def do_decide_objection(objection: Objection, *, upheld: bool, outcome: str, actor: User) -> Objection:
    """第十条: decide an objection, with the reasons.

    Upheld: the application leaves the list (异议成立). Dismissed: recorded
    on the application, which stays on the list. An objection against an
    application another upheld objection already took off is decided
    without a further step. The reasons are on the application's history
    (its enterprise and bureau read them); what the objector reads is the
    reply (``do_reply_objector``).
    """
    require(can_run_stages(actor))
    outcome = required(outcome, "outcome", _("请填写处理意见"))
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


def _write_once(make: Callable[[Application, ApplicationEvent], Any]) -> tuple[list[Any], Callable[..., None]]:
    """A ``transition`` record callback that keeps what it wrote, for the action to return."""
    made: list[Any] = []

    def write(application: Application, event: ApplicationEvent) -> None:
        made.append(make(application, event))

    return made, write


def do_ask_enterprise(objection: Objection, *, question: str, actor: User) -> ObjectionQuestion:
    """第十条: ask the enterprise to explain itself on an open objection (请企业说明).

    The question, worded by the Department, is what the enterprise reads (never
    the objection's content nor the objector); it is the step's reason on the
    history. One question waits for its answer at a time.
    """
    require(can_run_stages(actor))
    question = required(question, "question", _("请填写请企业说明的问题"))
    with transaction.atomic():
        locked = Objection.objects.select_for_update().select_related("application__call").get(pk=objection.pk)
        if not locked.is_open:
            raise ValidationError({"__all__": _("该异议已处理，不能再请企业说明")})
        if locked.application.status != Status.IN_NOTICE:
            raise ValidationError({"__all__": _("该申报已不在公示中")})
        if locked.questions.filter(answered_at__isnull=True).exists():
            raise ValidationError({"question": _("企业尚未说明上一个问题，请待企业说明后再提问")})
        made, write = _write_once(
            lambda application, event: ObjectionQuestion.objects.create(
                objection=locked, question=question, asked_by=actor
            )
        )
        transition(locked.application, "ask_enterprise", actor, reason=question, data=_event_data(locked), record=write)
        record(actor=actor, role=Role.DEPARTMENT, verb="ask_enterprise", target=locked, summary=str(locked))
    asked: ObjectionQuestion = made[0]
    return asked


def do_answer_objection(
    question: ObjectionQuestion, *, statement: str, files: Sequence[UploadedFile] = (), actor: User
) -> ObjectionQuestion:
    """第十条: the enterprise answers the Department's question, once, with a statement and files.

    The statement is the step's reason and the files its attachments, on the
    application's history like any step's; the Department is told.
    """
    require(can_answer_objection(actor, question))
    statement = required(statement, "reason", _("请填写说明"))
    if len(statement) > max_chars():
        raise ValidationError({"reason": _("说明最多%(max)d个字；详细情况可作为附件上传") % {"max": max_chars()}})
    with transaction.atomic():
        locked = (
            ObjectionQuestion.objects.select_for_update()
            .select_related("objection__application__call")
            .get(pk=question.pk)
        )
        if locked.is_answered:
            raise ValidationError({"__all__": _("该问题已经说明，不能重复提交")})
        if not locked.objection.is_open:
            raise ValidationError({"__all__": _("该异议已处理，无需再说明")})

        def write(application: Application, event: ApplicationEvent) -> None:
            # Compare-and-set on the question (locked above): it is answered exactly once.
            changed = ObjectionQuestion.objects.filter(pk=locked.pk, answered_at__isnull=True).update(
                answer=statement, answered_by=actor, answered_at=timezone.now(), answer_event=event
            )
            if changed != 1:
                raise ValidationError({"__all__": _("该问题已经说明，不能重复提交")})

        transition(
            locked.objection.application,
            "answer_objection",
            actor,
            reason=statement,
            files=files,
            file_kind=AttachmentKind.EVIDENCE,
            data=_event_data(locked.objection, question=locked.pk),
            record=write,
        )
        emit(ObjectionAnswered(locked.pk))
    locked.refresh_from_db()
    return locked


def do_reply_objector(objection: Objection, *, reply: str, actor: User) -> Objection:
    """第十条: the Department's reply to the objector, once the objection is decided; written once.

    The objector reads it at the private link (and by email when they gave
    one); the history records that a reply was made, not what it says.
    """
    require(can_run_stages(actor))
    reply = required(reply, "reply", _("请填写答复内容"))
    if len(reply) > max_chars():
        raise ValidationError({"reply": _("答复最多%(max)d个字") % {"max": max_chars()}})
    with transaction.atomic():
        locked = Objection.objects.select_for_update().select_related("application__call").get(pk=objection.pk)
        if locked.is_open:
            raise ValidationError({"reply": _("请先处理异议（异议成立或不成立），再答复异议人")})
        if locked.replied_at is not None:
            raise ValidationError({"__all__": _("已答复异议人，答复不能修改")})

        def write(application: Application, event: ApplicationEvent) -> None:
            locked.reply = reply
            locked.replied_by = actor
            locked.replied_at = timezone.now()
            locked.save(update_fields=["reply", "replied_by", "replied_at"])

        transition(locked.application, "reply_objector", actor, data=_event_data(locked), record=write)
        record(actor=actor, role=Role.DEPARTMENT, verb="reply_objector", target=locked, summary=str(locked))
        emit(ObjectorReplied(locked.pk))
    return locked
