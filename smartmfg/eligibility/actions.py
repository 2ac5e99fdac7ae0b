"""Writes of eligibility: the stored verdict columns, and a change of a call's policy (第十四条).

The verdict shown on a page is always judged afresh; the stored columns
serve lists and filters. They are refreshed when an application is edited or
judged, when a record about its enterprise is added (``RecordAdded``), and
when its call's policy changes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from smartmfg.access import can_manage_calls, require
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application, ApplicationEvent
from smartmfg.audit.actions import record
from smartmfg.calls.models import Call, PolicyChange
from smartmfg.eligibility import bulk
from smartmfg.eligibility.gates import step_verdict
from smartmfg.eligibility.gathering import verdict_columns
from smartmfg.enterprises.events import RecordAdded
from smartmfg.enterprises.models import Enterprise
from smartmfg.lib.choices import current_lang, label_of
from smartmfg.lib.events import subscribe
from smartmfg.rules.checks import RULE_LABELS
from smartmfg.rules.engine import Verdict, judge
from smartmfg.rules.policy import InvalidPolicy, Policy

BATCH: Final = 500


def refresh_verdict(application: Application) -> Verdict:
    """Judge afresh (the binding verdict, ``gates``) and store the verdict columns (no history: they are derived)."""
    verdict = step_verdict(application)
    columns = verdict_columns(verdict)
    Application.objects.filter(pk=application.pk).update(**columns)
    for name, value in columns.items():
        setattr(application, name, value)
    return verdict


def refresh_verdicts(applications: QuerySet[Application]) -> int:
    """Judge every application of ``applications`` under its call's policy and store what changed.

    Returns how many applications were judged. Only rows whose stored
    columns differ are written, in batches.
    """
    return refresh_changes(applications)[0]


def refresh_changes(applications: QuerySet[Application]) -> tuple[int, list[tuple[bulk.Stored, dict[str, Any]]]]:
    """As ``refresh_verdicts``; also returns each application whose columns changed, with the new columns."""
    loaded = bulk.load(applications)
    policies = bulk.policies_for(loaded)
    stale: list[tuple[bulk.Stored, dict[str, Any]]] = []
    with bulk.paused_gc():
        for item in loaded:
            columns = verdict_columns(judge(item.facts, policies[item.stored.call_id]))
            if _differs(item.stored, columns):
                stale.append((item.stored, columns))
    _store_columns(stale)
    return len(loaded), stale


def _store_columns(stale: list[tuple[bulk.Stored, dict[str, Any]]]) -> None:
    """Write the verdict columns that changed, in few statements.

    Most applications share their results with many others (the same checks
    pass and fail), so those three columns are written with one UPDATE per
    distinct combination; the eligible investment, which differs from one
    application to the next, with ``bulk_update`` and only where it changed.
    """
    groups: dict[str, tuple[dict[str, Any], list[int]]] = {}
    invested = []
    for stored, columns in stale:
        shared = {name: columns[name] for name in ("verdict_eligible", "verdict_track", "verdict_results")}
        if (stored.verdict_eligible, stored.verdict_track, stored.verdict_results) != tuple(shared.values()):
            groups.setdefault(json.dumps(shared, sort_keys=True), (shared, []))[1].append(stored.pk)
        if stored.eligible_investment != columns["eligible_investment"]:
            invested.append(Application(pk=stored.pk, eligible_investment=columns["eligible_investment"]))
    with transaction.atomic():
        for shared, pks in groups.values():
            for start in range(0, len(pks), BATCH):
                Application.objects.filter(pk__in=pks[start : start + BATCH]).update(**shared)
        Application.objects.bulk_update(invested, ["eligible_investment"], batch_size=BATCH)


def refresh_call_verdicts(call: Call) -> int:
    return refresh_verdicts(Application.objects.filter(call=call))


def refresh_enterprise_verdicts(enterprise: Enterprise) -> int:
    return refresh_verdicts(Application.objects.filter(enterprise=enterprise))


def _differs(stored: bulk.Stored, columns: Mapping[str, Any]) -> bool:
    return bool(
        stored.verdict_eligible != columns["verdict_eligible"]
        or stored.verdict_track != columns["verdict_track"]
        or stored.verdict_results != columns["verdict_results"]
        or stored.eligible_investment != columns["eligible_investment"]
    )


@subscribe(RecordAdded)
def _records_changed(event: RecordAdded) -> None:
    """A record about an enterprise was added: its applications' stored verdicts follow (after the commit)."""
    refresh_verdicts(Application.objects.filter(enterprise_id=event.enterprise_id))


# ------------------------------------------------------------------- policy


def do_change_policy(call: Call, changes: Mapping[str, str], *, reason: str, actor: User) -> Policy:
    """第十四条: change parameters of a call's policy; each change is kept with who, when, old and new.

    ``changes`` maps parameter names to their text form. Invalid values raise
    ``ValidationError`` keyed by parameter name, and nothing is changed.
    """
    require(can_manage_calls(actor))
    if not reason.strip():
        raise ValidationError({"reason": _("请填写调整理由")})
    with transaction.atomic():
        locked = Call.objects.select_for_update().get(pk=call.pk)
        old = locked.get_policy()
        try:
            new = old.with_changes(changes)
        except InvalidPolicy as error:
            lang = current_lang()
            raise ValidationError({p.name or "policy": p.message.render(lang) for p in error.problems}) from None
        diff = old.diff(new)
        if diff:
            locked.policy = new.to_dict()
            locked.save(update_fields=["policy"])
            PolicyChange.objects.bulk_create(
                [
                    PolicyChange(
                        call=locked, parameter=name, old_value=before, new_value=after, reason=reason, changed_by=actor
                    )
                    for name, before, after in diff
                ]
            )
            changed = refresh_changes(Application.objects.filter(call=locked))[1]
            _record_verdict_changes(changed, diff, reason.strip(), actor)
            record(
                actor=actor,
                role=Role.DEPARTMENT,
                verb="change_policy",
                target=locked,
                summary=_("%(title)s：调整%(n)d项参数，%(m)d项申报的判定随之变化")
                % {"title": locked.title, "n": len(diff), "m": len(changed)},
                reason=reason.strip(),
                changes={name: [before, after] for name, before, after in diff},
            )
    call.policy = new.to_dict()
    return new


def _record_verdict_changes(
    changed: list[tuple[bulk.Stored, dict[str, Any]]], diff: list[tuple[str, str, str]], reason: str, actor: User
) -> None:
    """An event in the history of every application whose verdict the change of policy changed (第十四条)."""
    parameters = "；".join(f"{name}：{before} → {after}" for name, before, after in diff)
    events = []
    for stored, columns in changed:
        before = _verdict_summary(stored.verdict_eligible, stored.verdict_track, stored.verdict_results)
        after = _verdict_summary(columns["verdict_eligible"], columns["verdict_track"], columns["verdict_results"])
        text = _(
            "认定条件参数调整（%(parameters)s；理由：%(reason)s），本申报的条件判定由“%(before)s”变为“%(after)s”"
        ) % {
            "parameters": parameters,
            "reason": reason,
            "before": before["label"],
            "after": after["label"],
        }
        events.append(
            ApplicationEvent(
                application_id=stored.pk,
                action="policy_changed",
                from_status=stored.status,
                to_status=stored.status,
                actor=actor,
                role=Role.DEPARTMENT.value,
                reason=text,
                data={"parameters": [list(row) for row in diff], "before": before, "after": after},
            )
        )
    ApplicationEvent.objects.bulk_create(events, batch_size=500)


def _verdict_summary(eligible: bool | None, track: str, results: dict[str, str]) -> dict[str, Any]:
    failed = sorted(rule for rule, result in results.items() if result == "fail")
    if eligible:
        label = _("符合")
    elif failed:
        label = _("不符合（%(rules)s）") % {"rules": "、".join(label_of(RULE_LABELS, rule) for rule in failed)}
    else:
        label = _("不符合")
    return {"eligible": eligible, "track": track, "failed": failed, "label": str(label)}
