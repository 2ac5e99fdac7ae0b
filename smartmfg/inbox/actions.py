"""Writes of the inbox: delivering messages, and a recipient reading one.

Delivery is called by the event adapters (``workflow.notify``) and the
reminders, after the transaction that caused it has committed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.accounts.models import User
from smartmfg.accounts.roles import roles_of
from smartmfg.audit.actions import record
from smartmfg.inbox.models import Message


def do_send_messages(people: list[User], event: str, subject: str, body: str, url: str) -> None:
    """One in-platform message for each person, and an email to those with an address."""
    Message.objects.bulk_create(
        [Message(recipient=u, event=event, subject=subject, body=body, url=url) for u in people]
    )
    mails = [(subject, body, settings.DEFAULT_FROM_EMAIL, [u.email]) for u in people if u.email]
    if mails:
        send_mass_mail(mails, fail_silently=False)


def do_mark_read(message: Message, *, actor: User) -> bool:
    """The recipient opens a message: it is read from now on (once; the first reading counts).

    Returns whether it was unread. Only its recipient may mark it (the view
    reaches it through ``access.visible_messages``).
    """
    if message.recipient_id != actor.pk:
        raise PermissionDenied(_("只有收件人可以阅读该消息"))
    with transaction.atomic():
        changed = Message.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=timezone.now())
        if changed:
            held = roles_of(actor)
            record(
                actor=actor,
                role=held[0].value if held else "",
                verb="read_message",
                target=message,
                summary=message.subject,
            )
    return bool(changed)
