"""Every conflict between a set of experts and a set of applications: the hard constraint of draws and panels.

Four sources (第九条, domain.md §7): what the rules detect (``same_employer``,
``local`` when the call's policy turns it on), minus what the Department
waived with a reason; what the enterprise declared in its application; and
the conflicts recorded by the expert or the Department, while in force.
Built from indexes, so 600 experts against 2,000 applications stay cheap.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from smartmfg.applications.models import Application
from smartmfg.experts.models import AvoidedOrganisation, Conflict, ConflictWaiver, Expert
from smartmfg.rules.experts.conflicts import Organisation, in_force, normalise_name

Pair = tuple[int, int]  # (application id, expert id)


def conflicts_between(
    experts: Sequence[Expert], applications: Sequence[Application], *, today: dt.date
) -> dict[Pair, list[str]]:
    """``{(application id, expert id): [kinds]}`` for every conflicted pair."""
    found: defaultdict[Pair, list[str]] = defaultdict(list)
    by_uscc: defaultdict[str, list[Expert]] = defaultdict(list)
    by_division: defaultdict[str, list[Expert]] = defaultdict(list)
    by_name: defaultdict[str, list[Expert]] = defaultdict(list)
    for expert in experts:
        by_name[normalise_name(expert.employer)].append(expert)
        if expert.employer_uscc:
            by_uscc[expert.employer_uscc].append(expert)
            by_division[expert.employer_uscc[2:8]].append(expert)
    waived = set(ConflictWaiver.objects.filter(expert__in=experts).values_list("expert_id", "enterprise_id", "kind"))
    local_calls = {a.call_id for a in applications if a.call.get_policy().local_avoidance}
    for application in applications:
        enterprise = application.enterprise
        detected = [("same_employer", e) for e in by_uscc.get(enterprise.uscc, ())]
        if application.call_id in local_calls:
            detected += [("local", e) for e in by_division.get(enterprise.registered_division, ())]
        for kind, expert in detected:
            if (expert.pk, enterprise.pk, kind) not in waived:
                found[(application.pk, expert.pk)].append(kind)
    _declared_by_enterprises(applications, by_uscc, by_name, found)
    _recorded(experts, applications, today, found)
    return dict(found)


def _declared_by_enterprises(
    applications: Sequence[Application],
    by_uscc: dict[str, list[Expert]],
    by_name: dict[str, list[Expert]],
    found: defaultdict[Pair, list[str]],
) -> None:
    for avoided in AvoidedOrganisation.objects.filter(application__in=applications):
        declared = Organisation(avoided.name, avoided.uscc)
        candidates = {e.pk: e for e in (*by_uscc.get(avoided.uscc, ()), *by_name.get(normalise_name(avoided.name), ()))}
        for expert in candidates.values():
            if declared.matches(Organisation(expert.employer, expert.employer_uscc)):
                found[(avoided.application_id, expert.pk)].append("enterprise")


def _recorded(
    experts: Sequence[Expert], applications: Sequence[Application], today: dt.date, found: defaultdict[Pair, list[str]]
) -> None:
    by_enterprise: defaultdict[int, list[int]] = defaultdict(list)
    for application in applications:
        by_enterprise[application.enterprise_id].append(application.pk)
    recorded = Conflict.objects.filter(expert__in=experts, enterprise_id__in=by_enterprise).values_list(
        "expert_id", "enterprise_id", "kind", "ended_on"
    )
    for expert_id, enterprise_id, kind, ended_on in recorded:
        if in_force(kind, ended_on, today):
            for application_id in by_enterprise[enterprise_id]:
                found[(application_id, expert_id)].append(kind)


def is_conflicted(expert: Expert, application: Application, *, today: dt.date) -> bool:
    return bool(conflicts_between([expert], [application], today=today))
