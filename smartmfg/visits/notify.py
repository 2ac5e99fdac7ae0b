"""Messages of the visits (inbox and email), subscribed to their events.

The experts of a visit are told when it is scheduled: the enterprise, the
project and its address, the date and who else goes. The officer who
scheduled it is told when the last member has signed the report.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from smartmfg.accounts.models import User
from smartmfg.inbox.actions import do_send_messages
from smartmfg.lib.events import subscribe
from smartmfg.visits.events import VisitReported, VisitScheduled
from smartmfg.visits.models import Visit


def _visit(pk: int) -> Visit:
    return Visit.objects.select_related("application__enterprise", "application__call", "scheduled_by").get(pk=pk)


@subscribe(VisitScheduled)
def tell_members(event: VisitScheduled) -> None:
    visit = _visit(event.visit_id)
    url = reverse("visits:visit", args=[visit.pk])
    members = list(visit.members.select_related("expert__user"))
    for member in members:
        context = {
            "visit": visit,
            "expert": member.expert,
            "others": [m.expert for m in members if m.pk != member.pk],
            "items": visit.items.count(),
            "url": f"{settings.SITE_URL}{url}",
        }
        _send(member.expert.user, "visit_scheduled", "visits/mail/scheduled", context, url)


@subscribe(VisitReported)
def tell_department(event: VisitReported) -> None:
    visit = _visit(event.visit_id)
    url = reverse("visits:detail", args=[visit.pk])
    context = {"visit": visit, "url": f"{settings.SITE_URL}{url}"}
    _send(visit.scheduled_by, "visit_reported", "visits/mail/reported", context, url)


def _send(user: User, event: str, template: str, context: dict[str, object], url: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    do_send_messages([user], event, subject, body, url)
