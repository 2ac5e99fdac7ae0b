"""Messages to experts about their scoring (inbox and email), subscribed to the scoring events.

None names another expert; the deadline is each expert's own (with any extension).
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.urls import reverse

from smartmfg.experts.models import SeatStatus
from smartmfg.experts.notify import send
from smartmfg.lib.events import subscribe
from smartmfg.scoring.events import DeadlineExtended, RemindersDue, ReviewOpened
from smartmfg.scoring.models import Extension, Reminder, ReviewRound, Score


def _url() -> tuple[str, str]:
    url = reverse("experts:home")
    return url, f"{settings.SITE_URL}{url}"


@subscribe(ReviewOpened)
def tell_opened(event: ReviewOpened) -> None:
    review = ReviewRound.objects.select_related("draw__call").get(pk=event.round_id)
    seats = review.draw.seats.filter(status=SeatStatus.ACTIVE).select_related("expert__user")
    counts = Counter(seat.expert for seat in seats)
    url, full = _url()
    for expert, count in sorted(counts.items(), key=lambda item: item[0].code):
        context = {"call": review.draw.call, "seats": count, "due": review.due_for(expert), "url": full}
        send(expert.user, "scoring_opened", "scoring/mail/opened", context, url)


@subscribe(RemindersDue)
def tell_reminded(event: RemindersDue) -> None:
    url, full = _url()
    for reminder in Reminder.objects.filter(pk__in=event.reminder_ids).select_related(
        "round__draw__call", "expert__user"
    ):
        seats = reminder.round.draw.seats.filter(status=SeatStatus.ACTIVE, expert=reminder.expert)
        done = Score.objects.filter(seat__in=seats, submitted_at__isnull=False).count()
        context = {
            "call": reminder.round.draw.call,
            "pending": seats.count() - done,
            "due": reminder.due_at,
            "url": full,
        }
        send(reminder.expert.user, "scoring_reminder", "scoring/mail/reminder", context, url)


@subscribe(DeadlineExtended)
def tell_extended(event: DeadlineExtended) -> None:
    extension = Extension.objects.select_related("round__draw__call", "expert__user").get(pk=event.extension_id)
    url, full = _url()
    context = {"call": extension.round.draw.call, "due": extension.due_at, "url": full}
    send(extension.expert.user, "scoring_extended", "scoring/mail/extended", context, url)
