"""安排现场抽查 (第九条): 2 or 3 unconflicted experts of the call's accepted pool, a date, the checklist.

Scheduling takes the workflow step ``order_spot_check`` (the ``SpotCheck``
row, as on paper) and hangs the visit on it, in one transaction; the
experts are told once it commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access import can_schedule_visit, require
from smartmfg.accounts.models import User
from smartmfg.applications.models import Application
from smartmfg.evaluations.actions import do_order_spot_check
from smartmfg.experts.actions.common import log
from smartmfg.experts.conflicts import conflicts_between
from smartmfg.experts.models import ConflictKind, Expert
from smartmfg.lib.events import emit
from smartmfg.visits.checklist import checklist_for
from smartmfg.visits.events import VisitScheduled
from smartmfg.visits.lists import accepted_pool
from smartmfg.visits.models import ChecklistItem, ItemKind, Visit, VisitMember

MIN_MEMBERS, MAX_MEMBERS = 2, 3


def do_schedule_visit(application: Application, *, experts: Sequence[Expert], visit_on: dt.date, actor: User) -> Visit:
    """Send ``experts`` to the enterprise on ``visit_on`` (not in the past), with the generated checklist.

    Refused, changing nothing: fewer than 2 or more than 3 experts; an
    expert who did not accept an invitation of the call's draws; an expert
    conflicted with the enterprise (named, with the kind); a date in the
    past; an application that is not a spot check's object or may not take
    the step 安排现场抽查 now (a spot check already pending, another stage).
    """
    require(can_schedule_visit(actor, application))
    chosen = _members(application, experts)
    if visit_on < timezone.localdate():
        raise ValidationError({"visit_on": _("抽查日期不能早于今天（%(today)s）") % {"today": timezone.localdate()}})
    entries = checklist_for(application)
    counts = {kind: sum(1 for e in entries if e.kind == kind) for kind in ItemKind.values}
    purpose = _(
        "专家现场抽查，抽查日期 %(day)s。核查：设备和软件 %(investments)d 项、投产情况、%(rest)s自评估报告。"
    ) % {
        "day": visit_on.isoformat(),
        "investments": counts[ItemKind.INVESTMENT],
        "rest": _("典型场景、") if counts[ItemKind.SCENARIO] else "",
    }
    with transaction.atomic():
        check = do_order_spot_check(application, purpose=purpose, actor=actor)
        visit = Visit.objects.create(spot_check=check, application=application, visit_on=visit_on, scheduled_by=actor)
        VisitMember.objects.bulk_create([VisitMember(visit=visit, expert=e) for e in chosen])
        ChecklistItem.objects.bulk_create(
            [
                ChecklistItem(visit=visit, position=i, kind=e.kind, subject=e.subject[:255], claimed=e.claimed)
                for i, e in enumerate(entries, start=1)
            ]
        )
        summary = _("安排现场抽查：%(ref)s，%(day)s") % {"ref": application.reference, "day": visit_on.isoformat()}
        log(actor, "schedule_visit", visit, summary, changes={"experts": [e.code for e in chosen]})
        emit(VisitScheduled(visit.pk))
    return visit


def _members(application: Application, experts: Sequence[Expert]) -> list[Expert]:
    """The visit's experts, checked: how many, from the accepted pool, none conflicted (each named)."""
    chosen = list({e.pk: e for e in experts}.values())
    if not MIN_MEMBERS <= len(chosen) <= MAX_MEMBERS:
        raise ValidationError(
            {"experts": _("现场抽查须由2至3名专家参加，当前选择了%(count)d名") % {"count": len(chosen)}}
        )
    pool = set(accepted_pool(application.call).values_list("pk", flat=True))
    problems = [
        _("专家 %(code)s %(name)s 未接受本批次的评审邀请，不能参加现场抽查") % {"code": e.code, "name": e.name}
        for e in chosen
        if e.pk not in pool
    ]
    conflicts = conflicts_between(chosen, [application], today=timezone.localdate())
    for expert in chosen:
        kinds = conflicts.get((application.pk, expert.pk))
        if kinds:
            problems.append(
                _("专家 %(code)s %(name)s 与%(enterprise)s存在回避关系（%(kinds)s），不能参加该项抽查")
                % {
                    "code": expert.code,
                    "name": expert.name,
                    "enterprise": application.enterprise.name,
                    "kinds": "、".join(_kind_label(k) for k in kinds),
                }
            )
    if problems:
        raise ValidationError({"experts": problems})
    return chosen


def _kind_label(kind: str) -> str:
    if kind in ConflictKind.values:
        return str(ConflictKind(kind).label)
    return _("企业申请回避的单位") if kind == "enterprise" else kind
