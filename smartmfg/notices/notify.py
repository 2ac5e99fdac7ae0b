"""Who is told of an objection beyond the enterprise, and in which words (第十条).

The steps tell the enterprise through the workflow's adapter (``StepTaken``);
these adapters tell the objector, who has no account (by email, when they gave
one), and the Department's staff (in their inbox). Delivered after commit.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from smartmfg.accounts.models import User
from smartmfg.inbox.actions import do_send_messages
from smartmfg.lib.events import subscribe
from smartmfg.notices.events import ObjectionAnswered, ObjectionFiled, ObjectorReplied
from smartmfg.notices.models import Objection, ObjectionQuestion


def _render(name: str, context: dict[str, object]) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"notices/mail/{name}_subject.txt", context).strip()
        body = render_to_string(f"notices/mail/{name}_body.txt", context)
    return subject, body


def _objection(pk: int) -> Objection:
    return Objection.objects.select_related("notice", "application__enterprise").get(pk=pk)


def _tell_department(event: str, objection: Objection, template: str, **context: object) -> None:
    staff = list(User.objects.filter(is_department=True, is_active=True))
    if not staff:
        return
    url = reverse("notices:manage", args=[objection.notice_id])
    subject, body = _render(template, {"objection": objection, "url": f"{settings.SITE_URL}{url}", **context})
    do_send_messages(staff, event, subject, body, url)


@subscribe(ObjectionFiled)
def acknowledge_filing(event: ObjectionFiled) -> None:
    """The objector's receipt by email (with the private link), and the Department's staff told."""
    objection = _objection(event.objection_id)
    if objection.email:
        link = f"{settings.SITE_URL}{reverse('objections:status', args=[event.token])}"
        subject, body = _render("objection_filed", {"objection": objection, "link": link})
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [objection.email], fail_silently=False)
    _tell_department("receive_objection", objection, "objection_received")


@subscribe(ObjectionAnswered)
def tell_answer(event: ObjectionAnswered) -> None:
    question = ObjectionQuestion.objects.select_related("objection").get(pk=event.question_id)
    _tell_department("answer_objection", _objection(question.objection_id), "objection_answered", question=question)


@subscribe(ObjectorReplied)
def send_reply(event: ObjectorReplied) -> None:
    """The reply by email to an objector who gave an address (the private link shows it too)."""
    objection = _objection(event.objection_id)
    if not objection.email:
        return
    subject, body = _render("objector_replied", {"objection": objection})
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [objection.email], fail_silently=False)
