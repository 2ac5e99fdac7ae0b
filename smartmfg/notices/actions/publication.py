"""Publication by official document (发文公布, 第十条): the final list, recognised or in cultivation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access import can_run_stages, require
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application
from smartmfg.applications.states import Status, Track
from smartmfg.audit.actions import record
from smartmfg.calls.models import Call
from smartmfg.lib.validators import check_document_number
from smartmfg.notices.actions.notice import required
from smartmfg.notices.models import Publication
from smartmfg.rules.divisions import full_name
from smartmfg.rules.facts import TIER_LABELS
from smartmfg.workflow.batch import Move, require_chosen, take_batch


def do_publish(
    call: Call,
    application_ids: Sequence[int],
    *,
    document_number: str,
    title: str,
    published_on: dt.date,
    body: str = "",
    actor: User,
) -> Publication:
    """第十条: the final list by official document (发文公布).

    Each application becomes 已认定, or 培育中 when its project was under
    construction (track ``cultivation``, 第五条至第七条第1款), all in one transaction.
    """
    require(can_run_stages(actor))
    document_number = check_document_number(document_number, published_on.year)
    title = required(title, "title", _("请填写标题"))
    require_chosen(application_ids)
    if published_on > timezone.localdate():
        raise ValidationError({"published_on": _("发文日期不能晚于今天")})
    with transaction.atomic():
        if Publication.objects.filter(document_number=document_number).exists():
            raise ValidationError({"document_number": _("文号 %(number)s 已被使用") % {"number": document_number}})
        # The track decides the outcome (第五条至第七条第1款); it is set at submission and cannot change after it.
        tracks = dict(Application.objects.filter(pk__in=application_ids).values_list("pk", "track"))
        moves = {pk: Move("publish", to=_outcome_of(tracks.get(pk, ""))) for pk in application_ids}

        def issue(applications: list[Application]) -> Publication:
            publication = Publication.objects.create(
                call=call,
                document_number=document_number,
                title=title,
                published_on=published_on,
                body=body.strip(),
                entries=sorted((entry(a) for a in applications), key=_list_order),
                published_by=actor,
            )
            publication.applications.set(applications)
            return publication

        batch = take_batch(
            moves, expected=Status.NOTICE_PASSED, actor=actor, call=call, document=issue, data_key="publication"
        )
        publication = batch.document
        assert isinstance(publication, Publication)
        applications = batch.applications
        record(
            actor=actor,
            role=Role.DEPARTMENT,
            verb="publish",
            target=publication,
            summary=f"{document_number} {title}",
            changes={"applications": len(applications)},
        )
    return publication


def _list_order(line: dict[str, Any]) -> tuple[int, bool, str]:
    """The published list by tier (workshop first), recognised before cultivation, then by reference."""
    tiers = list(TIER_LABELS)
    tier = tiers.index(line["tier"]) if line["tier"] in tiers else len(tiers)
    return (tier, line["outcome"] != Status.RECOGNISED, line["reference"])


def outcome(application: Application) -> Status:
    """第五条至第七条第1款: a project under construction enters cultivation instead of being recognised."""
    return _outcome_of(application.track)


def _outcome_of(track: str) -> Status:
    return Status.CULTIVATING if track == Track.CULTIVATION else Status.RECOGNISED


def entry(application: Application) -> dict[str, Any]:
    """One line of the published list, as issued."""
    return {
        "application": application.pk,
        "reference": application.reference,
        "enterprise": application.enterprise.name,
        "tier": application.tier,
        "project": application.project_name,
        "region": full_name(application.project_division) if application.project_division else "",
        "outcome": outcome(application).value,
    }
