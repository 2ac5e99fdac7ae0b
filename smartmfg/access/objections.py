"""Who sees what of the public's part of 第十条 (objections).

- The public form of an entry: anyone, from the notice's first day (before it,
  the notice does not exist for them: 404); it takes objections while the
  notice is open to the minute (``PublicNotice.is_open_at``) and the entry is
  still on the list.
- A draft of the form and an objection's private page: whoever holds the
  token of its address; any other token is 404.
- The objector's identity and contact details, the evidence files: the
  Department's staff only (domain.md §8). Never the enterprise, the bureau,
  an expert or the public.
- A question of the Department to the enterprise (请企业说明): the enterprise
  objected to (its own application only, 404 otherwise) and the Department.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access.core import ALLOW, AnyUser, Decision, deny, get_or_404
from smartmfg.accounts.identity import enterprise_id_of, roles_held
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application
from smartmfg.applications.states import Status
from smartmfg.notices.abuse import draft_hours
from smartmfg.notices.links import hash_token
from smartmfg.notices.models import Objection, ObjectionDraft, ObjectionFile, ObjectionQuestion, PublicNotice

__all__ = [
    "can_answer_objection",
    "can_file_objection",
    "can_see_objector",
    "closed_text",
    "get_notice_entry_for_user",
    "get_objection_draft",
    "get_objection_file_for_user",
    "get_objection_for_token",
    "get_objection_question_for_user",
    "visible_objection_questions",
    "visible_objections",
]


def _department(user: AnyUser) -> bool:
    return Role.DEPARTMENT in roles_held(user)


def can_see_objector(user: AnyUser) -> Decision:
    """Domain.md §8: the objector's identity, contact details and evidence are the Department's staff's only."""
    return ALLOW if _department(user) else deny(_("异议人的身份和联系方式仅由省工信厅办理异议的工作人员查看"))


def visible_objections(user: AnyUser) -> QuerySet[Objection]:
    """Objections with everything they hold: the Department's."""
    return Objection.objects.all() if _department(user) else Objection.objects.none()


# ------------------------------------------------------------------ the public


def get_notice_entry_for_user(user: AnyUser, notice: int, application: int) -> tuple[PublicNotice, Application]:
    """A notice's entry for the public form: 404 before the notice's first day, or when not on its list."""
    found = get_or_404(PublicNotice.objects.select_related("call"), notice)
    if timezone.now() < found.opens_at:
        raise Http404
    entry = get_or_404(found.applications.select_related("enterprise", "call"), application)
    return found, entry


def closed_text(notice: PublicNotice) -> str:
    """Why a notice takes no objection now, in the public's words."""
    if timezone.now() < notice.opens_at:
        return _("本次公示尚未开始，自 %(start)s 00:00 起受理异议") % {"start": notice.starts_on.isoformat()}
    return _("本次公示已于 %(end)s 24:00 结束，公示期满后不再受理异议") % {"end": notice.ends_on.isoformat()}


def can_file_objection(notice: PublicNotice, application: Application, moment: dt.datetime | None = None) -> Decision:
    """第十条: an objection is taken while the notice is open (to the minute) against an entry still on its list."""
    if not notice.is_open_at(moment or timezone.now()):
        return deny(closed_text(notice))
    if application.status != Status.IN_NOTICE:
        return deny(_("该项目已不在公示名单中，不再受理异议"))
    return ALLOW


def get_objection_draft(notice: PublicNotice, application: Application, token: str) -> ObjectionDraft:
    """The draft whose address carries ``token``, for this entry; 404 for any other token or once expired."""
    digest = hash_token(token)
    draft = ObjectionDraft.objects.filter(token_hash=digest, notice=notice, application=application).first()
    if not digest or draft is None:
        raise Http404
    if draft.filed_id is None and draft.created_at < timezone.now() - dt.timedelta(hours=draft_hours()):
        raise Http404
    return draft


def get_objection_for_token(token: str) -> Objection:
    """The objection whose private link carries ``token``; 404 for any other (the link is all that opens it)."""
    digest = hash_token(token)
    objection = (
        Objection.objects.select_related("notice", "application__enterprise").filter(token_hash=digest).first()
        if digest
        else None
    )
    if objection is None:
        raise Http404
    return objection


# -------------------------------------------------------------- the Department


def get_objection_file_for_user(user: AnyUser, pk: int) -> ObjectionFile:
    """An objection's evidence file: the Department's only (a draft's files are nobody's to download)."""
    files = ObjectionFile.objects.filter(objection__isnull=False) if _department(user) else ObjectionFile.objects.none()
    return get_or_404(files, pk)


# -------------------------------------------------------------- the enterprise


def visible_objection_questions(user: AnyUser) -> QuerySet[ObjectionQuestion]:
    """The Department's questions: to the enterprise objected to, about its own applications; all to the Department."""
    questions = ObjectionQuestion.objects.all()
    if _department(user):
        return questions
    enterprise = enterprise_id_of(user)
    if enterprise is None:
        return questions.none()
    return questions.filter(objection__application__enterprise_id=enterprise)


def get_objection_question_for_user(user: AnyUser, pk: int) -> ObjectionQuestion:
    return get_or_404(
        visible_objection_questions(user).select_related("objection__notice", "objection__application__enterprise"), pk
    )


def can_answer_objection(user: AnyUser, question: ObjectionQuestion) -> Decision:
    """第十条: the enterprise objected to answers the Department's question, once, while the objection is open."""
    enterprise = enterprise_id_of(user)
    objection = question.objection
    if enterprise is None or objection.application.enterprise_id != enterprise:
        return deny(_("只有被异议的申报企业可以作出说明"))
    if question.is_answered:
        return deny(_("该问题已经说明"))
    if not objection.is_open:
        return deny(_("该异议已处理，无需再说明"))
    if objection.application.status != Status.IN_NOTICE:
        return deny(_("该申报已不在公示中"))
    return ALLOW
