"""The public notices of 第十条, for everyone: the index, one page per notice, and an Atom feed.

What of a listed application is public is fixed here and nowhere else
(domain.md §8): enterprise, tier, project name, region (GB/T 2260) and track.
Amounts, files, scores and experts never reach these templates: the rows are
read with ``only()`` those columns, so a template cannot show what it is not
given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from smartmfg.access import get_public_notice_for_user, visible_public_notices, visible_publications
from smartmfg.applications.models import Application
from smartmfg.applications.states import Status, Track
from smartmfg.jurisdictions.seed import DEPARTMENT_NAME
from smartmfg.lib import workdays
from smartmfg.lib.choices import label_of
from smartmfg.notices.models import Objection, Publication, PublicNotice
from smartmfg.rules.divisions import full_name
from smartmfg.rules.facts import TIER_LABELS

# The only columns of an application a public page reads (domain.md §8).
PUBLIC_COLUMNS = ("id", "status", "tier", "track", "project_name", "project_division", "enterprise", "enterprise__name")
TIER_ORDER = {tier: position for position, tier in enumerate(TIER_LABELS)}
FEED_SIZE = 50
# The online objection form's URL for one entry (``pk -> URL``), when the platform has that form.
ObjectionLink = Callable[[int], str]


# ------------------------------------------------------------------ the period


@dataclass(frozen=True)
class Period:
    """A notice's period (第十条): its days, its working days, and whether objections are taken now."""

    starts_on: dt.date
    ends_on: dt.date
    opens_at: dt.datetime
    closes_at: dt.datetime
    working_days: int
    calendar_known: bool
    is_open: bool

    @property
    def closes_label(self) -> str:
        """The closing moment as the Department writes it: the last day at 24:00 (``closes_at`` is the next 00:00)."""
        return f"{self.ends_on.isoformat()} 24:00"


def period_of(notice: PublicNotice, now: dt.datetime) -> Period:
    """The period as the public reads it, to the minute: open from 00:00 of the first day to 24:00 of the last."""
    return Period(
        starts_on=notice.starts_on,
        ends_on=notice.ends_on,
        opens_at=notice.opens_at,
        closes_at=notice.closes_at,
        working_days=working_days(notice.starts_on, notice.ends_on),
        calendar_known=workdays.knows(notice.starts_on) and workdays.knows(notice.ends_on),
        is_open=notice.is_open_at(now),
    )


def working_days(starts_on: dt.date, ends_on: dt.date) -> int:
    """Working days from ``starts_on`` to ``ends_on`` included, by the State Council's calendar.

    The same calendar as the period's end (``notices.actions.notice_period`` counts
    ``lib.workdays.last_working_day``); counted here because an extended notice
    runs longer than the call's ``notice_working_days``.
    """
    days = (ends_on - starts_on).days + 1
    return sum(workdays.is_working_day(starts_on + dt.timedelta(days=n)) for n in range(days))


# -------------------------------------------------------------------- the list


@dataclass(frozen=True)
class Entry:
    """One line of a notice as the public reads it; nothing else of the application."""

    enterprise: str
    tier: str
    project: str
    region: str
    track: str
    withdrawn: bool
    objection_url: str | None


def entries_of(notice: PublicNotice, *, is_open: bool) -> list[Entry]:
    """The notice's list as the Department approved it, by tier then enterprise; two queries whatever its length.

    An entry is withdrawn when an objection against it was upheld (异议成立): its
    state says so, and so does the objection's decision. No detail of the objection.
    """
    applications = list(notice.applications.select_related("enterprise").only(*PUBLIC_COLUMNS))
    upheld = set(
        Objection.objects.filter(notice=notice, status=Objection.Status.UPHELD).values_list("application_id", flat=True)
    )
    applications.sort(key=lambda a: (TIER_ORDER.get(a.tier, len(TIER_ORDER)), a.enterprise.name, a.pk))
    objecting = objection_link(notice) if is_open else None
    return [_entry(a, a.pk in upheld or a.status == Status.OBJECTION_UPHELD, objecting) for a in applications]


def _entry(application: Application, withdrawn: bool, objecting: ObjectionLink | None) -> Entry:
    # Objections are taken against what is still on the list: not one withdrawn, nor one taken off otherwise.
    takes_objections = not withdrawn and application.status == Status.IN_NOTICE
    return Entry(
        enterprise=application.enterprise.name,
        tier=label_of(TIER_LABELS, application.tier),
        project=application.project_name,
        region=full_name(application.project_division) if application.project_division else "",
        track=str(Track(application.track).label) if application.track in Track.values else "",
        withdrawn=withdrawn,
        objection_url=objecting(application.pk) if objecting is not None and takes_objections else None,
    )


def objection_link(notice: PublicNotice) -> ObjectionLink | None:
    """``pk -> URL`` of the online objection form for one entry, or None while the platform has no such form."""

    def url(application: int) -> str:
        return reverse("objections:file", kwargs={"notice": notice.pk, "application": application})

    try:
        url(0)
    except NoReverseMatch:
        return None
    return url


# ------------------------------------------------------------------- the pages


@require_GET
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    """第十条: one notice for everyone, open or ended; 404 before its first day."""
    the_notice = get_public_notice_for_user(request.user, pk)
    now = timezone.now()
    period = period_of(the_notice, now)
    entries = entries_of(the_notice, is_open=period.is_open)
    context = {
        "notice": the_notice,
        "period": period,
        "entries": entries,
        "withdrawn": sum(e.withdrawn for e in entries),
        "online_objections": any(e.objection_url for e in entries),
        "printed_at": now,
        "page_url": request.build_absolute_uri(),
    }
    return render(request, "public/notices/detail.html", context)


@dataclass(frozen=True)
class Listed:
    notice: PublicNotice
    period: Period
    size: int


def listed(notices: Iterable[PublicNotice], now: dt.datetime) -> list[Listed]:
    """Notices as the index and a call's page list them (each annotated with ``size``, its entries)."""
    return [Listed(n, period_of(n, now), getattr(n, "size", 0)) for n in notices]


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """第十条: the notices open now (closing soonest first), then the ended ones by the call's year."""
    notices = listed(
        visible_public_notices(request.user)
        .select_related("call")
        .annotate(size=Count("applications"))
        .order_by("-starts_on", "-id"),
        timezone.now(),
    )
    open_now = sorted((item for item in notices if item.period.is_open), key=lambda item: item.period.closes_at)
    years: dict[int, list[Listed]] = {}
    for item in notices:
        if not item.period.is_open:
            years.setdefault(item.notice.call.year, []).append(item)
    context = {"open_notices": open_now, "years": sorted(years.items(), reverse=True)}
    return render(request, "public/notices/index.html", context)


# -------------------------------------------------------------------- the feed


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str
    description: str
    published: dt.datetime


class NoticesFeed(Feed[FeedItem, HttpRequest]):
    """Atom: the latest notices (from their first day) and published lists, newest first.

    Links are made absolute from the request's host by the syndication framework.
    """

    feed_type = Atom1Feed
    title = gettext_lazy("吉林省示范工厂（车间）公示和认定名单")
    subtitle = gettext_lazy("省工业和信息化厅拟认定名单的公示和发文公布的认定名单（细则第十条）")
    author_name = DEPARTMENT_NAME

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpRequest:
        return request

    def link(self) -> str:
        return reverse("public_notices:index")

    def feed_url(self) -> str:
        return reverse("public_notices:feed")

    def items(self, request: HttpRequest) -> list[FeedItem]:
        user = request.user
        notices = visible_public_notices(user).annotate(size=Count("applications")).order_by("-starts_on", "-id")
        publications = visible_publications(user).order_by("-published_on", "-id")
        items = [_notice_item(n) for n in notices[:FEED_SIZE]]
        items += [_publication_item(p) for p in publications[:FEED_SIZE]]
        return sorted(items, key=lambda item: item.published, reverse=True)[:FEED_SIZE]

    def item_title(self, item: FeedItem) -> str:
        return item.title

    def item_link(self, item: FeedItem) -> str:
        return item.link

    def item_description(self, item: FeedItem) -> str:
        return item.description

    def item_pubdate(self, item: FeedItem) -> dt.datetime:
        return item.published

    def item_updateddate(self, item: FeedItem) -> dt.datetime:
        return item.published


def _notice_item(notice: PublicNotice) -> FeedItem:
    text = _("公示期 %(start)s 至 %(end)s（%(days)d个工作日），异议受理至 %(end)s 24:00（北京时间）；共 %(n)d 项。")
    description = text % {
        "start": notice.starts_on.isoformat(),
        "end": notice.ends_on.isoformat(),
        "days": working_days(notice.starts_on, notice.ends_on),
        "n": getattr(notice, "size", 0),
    }
    return FeedItem(
        title=notice.title,
        link=reverse("public_notices:notice", kwargs={"pk": notice.pk}),
        description=description,
        published=notice.opens_at,
    )


def _publication_item(publication: Publication) -> FeedItem:
    day = publication.published_on
    return FeedItem(
        title=publication.title,
        link=reverse("public:results") + f"#publication-{publication.pk}",
        description=_("%(number)s，%(date)s发文公布。")
        % {"number": publication.document_number, "date": day.isoformat()},
        published=dt.datetime.combine(day, dt.time(0), tzinfo=timezone.get_default_timezone()),
    )
