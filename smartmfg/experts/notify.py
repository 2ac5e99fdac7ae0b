"""Messages to experts: invitations and their seats (inbox and email), subscribed to the experts' events.

An invitation names the call, the dates and how many applications the
review has, never the enterprises: those are shown only once the expert
has accepted and declared no conflict (第九条, domain.md §7).
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from smartmfg.experts.events import InvitationsSent, SeatsAssigned
from smartmfg.experts.lists import review_list
from smartmfg.experts.models import Invitation, Seat
from smartmfg.inbox.actions import do_send_messages
from smartmfg.lib.events import subscribe


@subscribe(InvitationsSent)
def tell_invited(event: InvitationsSent) -> None:
    url = reverse("experts:home")
    for invitation in Invitation.objects.filter(pk__in=event.invitation_ids).select_related(
        "draw__call", "expert__user"
    ):
        context = {
            "invitation": invitation,
            "applications": review_list(invitation.draw).count(),
            "url": f"{settings.SITE_URL}{url}",
        }
        send(invitation.expert.user, "expert_invitation", "experts/mail/invitation", context, url)


@subscribe(SeatsAssigned)
def tell_seated(event: SeatsAssigned) -> None:
    url = reverse("experts:home")
    seats = Seat.objects.filter(pk__in=event.seat_ids).select_related("expert__user", "draw__call")
    per_expert: dict[int, list[Seat]] = {}
    for seat in seats:
        per_expert.setdefault(seat.expert_id, []).append(seat)
    for held in per_expert.values():
        context = {"seats": held, "call": held[0].draw.call, "url": f"{settings.SITE_URL}{url}"}
        send(held[0].expert.user, "expert_seats", "experts/mail/seats", context, url)


def send(user: object, event: str, template: str, context: dict[str, object], url: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    do_send_messages([user], event, subject, body, url)  # type: ignore[list-item]
