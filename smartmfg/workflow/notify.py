"""Inbox and email adapters: who is told of a step, and in which words.

Subscribed to ``StepTaken``. Each concerned user (never the actor) gets an
in-platform message, and an email when they have an address. Emails go
through Django's mail backend: the console by default, SMTP by settings.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application
from smartmfg.inbox.actions import do_send_messages
from smartmfg.jurisdictions.models import Jurisdiction
from smartmfg.lib.events import subscribe
from smartmfg.workflow import table as workflow
from smartmfg.workflow.events import StepTaken

log = logging.getLogger(__name__)

# Steps that put an application in a bureau's hands: its reviewers are told.
TO_BUREAU = {"submit", "withdraw", "forward", "requalify_return"}
# Steps that put applications in the Department's hands.
TO_DEPARTMENT = {"recommend"}
# Steps the bureau hears of although it no longer holds the application.
ALSO_TO_BUREAU = {"refuse_under_ban"}


def bureau_reviewers(jurisdiction: Jurisdiction | None) -> QuerySet[User]:
    """The reviewers of ``jurisdiction``, or of the nearest parent that has some."""
    node = jurisdiction
    while node is not None:
        reviewers = User.objects.filter(jurisdiction=node, is_active=True)
        if reviewers.exists():
            return reviewers
        node = node.parent
    return User.objects.none()


def recipients(application: Application, event: StepTaken) -> list[User]:
    query = Q(enterprise_id=application.enterprise_id) if event.role != Role.ENTERPRISE else Q(pk__in=[])
    users = list(User.objects.filter(query, is_active=True))
    if event.action in TO_BUREAU:
        users += list(bureau_reviewers(application.holder or application.jurisdiction))
    if event.action in TO_DEPARTMENT:
        users += list(User.objects.filter(is_department=True, is_active=True))
    if event.action in ALSO_TO_BUREAU and application.submission_count:
        users += list(bureau_reviewers(application.jurisdiction))
    unique = {u.pk: u for u in users if u.pk != event.actor_id}
    return list(unique.values())


@subscribe(StepTaken)
def tell_concerned(event: StepTaken) -> None:
    application = Application.objects.select_related("enterprise", "holder", "jurisdiction").get(
        pk=event.application_id
    )
    people = recipients(application, event)
    if not people:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "application": application,
            "step": workflow.step(event.action),
            "event": event,
            "url": f"{settings.SITE_URL}{reverse('applications:detail', args=[application.pk])}",
            "status": application.get_status_display(),
        }
        subject = render_to_string("inbox/mail/step_subject.txt", context).strip()
        body = render_to_string("inbox/mail/step_body.txt", context)
    do_send_messages(people, event.action, subject, body, reverse("applications:detail", args=[application.pk]))
