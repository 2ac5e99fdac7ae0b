"""The enterprise's submission (第八条) and an import's: the steps that freeze a snapshot.

The snapshot holds the application in the import format, its files (names,
sizes, hashes) and the verdict on the day of submission; it is never changed
afterwards, so a later correction never hides what came before.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application, ApplicationEvent, Submission
from smartmfg.eligibility.actions import refresh_verdict
from smartmfg.eligibility.gathering import application_facts
from smartmfg.rules.engine import judge
from smartmfg.rules.schema import facts_to_dict
from smartmfg.workflow.transition import transition


def do_submit_application(application: Application, *, actor: User) -> ApplicationEvent:
    """第八条: submit to the local bureau, freezing a snapshot of what was submitted."""
    return submit_with_snapshot(application, action="submit", applied_on=timezone.localdate(), actor=actor)


def submit_with_snapshot(
    application: Application, *, action: str, applied_on: dt.date, actor: User
) -> ApplicationEvent:
    """Take a submitting step (``submit`` online, ``import_submission`` for an import) with its snapshot.

    The step's permission is the workflow table's (``transition`` checks it);
    the snapshot and the verdict are those of ``applied_on``.
    """
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update()
            .select_related("call", "enterprise", "jurisdiction")
            .get(pk=application.pk)
        )
        facts = application_facts(locked, applied_on=applied_on)
        verdict = judge(facts, locked.call.get_policy())
        number = locked.submission_count + 1
        submission = Submission.objects.create(
            application=locked,
            number=number,
            submitted_at=timezone.now(),
            submitted_by=actor,
            snapshot=_snapshot(locked, facts),
            verdict=verdict.to_dict("zh"),
        )
        event = transition(locked, action, actor, seen=application.status, submission=submission, verdict=verdict)
        refresh_verdict(locked)  # the stored columns now judge the submitted application
    application.refresh_from_db()
    return event


def _snapshot(application: Application, facts: Any) -> dict[str, Any]:
    files = application.current_files()
    return {
        "application": facts_to_dict(facts),
        "project": {
            "address": application.project_address,
            "summary": application.project_summary,
        },
        "commitment_accepted_at": application.commitment_accepted_at.isoformat()
        if application.commitment_accepted_at
        else None,
        "attachments": [
            {"id": f.pk, "kind": f.kind, "name": f.original_name, "size": f.size, "sha256": f.sha256} for f in files
        ],
    }
