"""The verdict that binds the next step (domain.md §6), read the same way by the page and the server.

A step of the workflow table that names a ``Requirement`` may be taken only
when no rule of it stands in the way. What is judged: the application as
submitted (its latest submission's snapshot, never a later edit) with the
enterprise and its records as they stand at the step, the people's
judgements as recorded, under the call's policy; while the enterprise may
still edit it, the application as it stands, as of today, as a submission
now would be. The page shows this verdict and the server checks this
verdict: ``step_verdicts`` is the one function behind both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet

from smartmfg.applications.models import Application
from smartmfg.eligibility import bulk
from smartmfg.lib.choices import current_lang
from smartmfg.rules.checks import Check
from smartmfg.rules.engine import Verdict, judge
from smartmfg.rules.requirements import Requirement, problem, refusal


def step_verdicts(applications: QuerySet[Application], *, today: dt.date | None = None) -> dict[int, Verdict]:
    """The binding verdict of each application of ``applications``, in a handful of queries."""
    loaded = bulk.load_as_submitted(applications, today=today)
    policies = bulk.policies_for(loaded)
    with bulk.paused_gc():
        return {item.stored.pk: judge(item.facts, policies[item.stored.call_id]) for item in loaded}


def step_verdict(application: Application) -> Verdict:
    """The binding verdict of one application (the same function as for many)."""
    return step_verdicts(Application.objects.filter(pk=application.pk))[application.pk]


def held_back(applications: QuerySet[Application], requirement: Requirement) -> dict[int, tuple[str, ...]]:
    """The applications of ``applications`` on which ``requirement`` is not met, each with its lines of reasons.

    For the lists a document carries (a letter, a deliberation, a notice, a
    publication): those held back are shown with why, and cannot be chosen.
    """
    verdicts = step_verdicts(applications)
    held = {pk: requirement.unmet(verdict) for pk, verdict in verdicts.items()}
    return {pk: problem_texts(checks) for pk, checks in held.items() if checks}


def refusal_text(checks: Iterable[Check]) -> str:
    """The refusal in the user's language: each rule in the way, its article and message, and what to do."""
    return refusal(checks).render(current_lang())


def problem_texts(checks: Iterable[Check]) -> tuple[str, ...]:
    """One line per rule in the way, for a list on the page."""
    lang = current_lang()
    return tuple(problem(check).render(lang) for check in checks)
