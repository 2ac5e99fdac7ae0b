"""Writes on applications by the enterprise: drafting, files, submission.

Each action is one transaction, checks the permission itself (callers may
be views, the API, commands or tests), and records what it changed. Steps
of the procedure go through ``transition``; this module adds what the
enterprise's own steps need around it (the submission snapshot).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access import can_edit_application, can_start_application, deny, require
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.facts import application_facts, refresh_verdict, verdict_columns
from smartmfg.applications.models import (
    Application,
    ApplicationEvent,
    Attachment,
    InvestmentItem,
    Scenario,
    Submission,
    Workshop,
)
from smartmfg.applications.transition import transition
from smartmfg.applications.uploads import check_upload
from smartmfg.audit.models import record
from smartmfg.calls.models import Call
from smartmfg.enterprises.models import Enterprise
from smartmfg.lib.models import next_number
from smartmfg.rules.engine import judge
from smartmfg.rules.schema import facts_to_dict

# Reference numbers read like 2026-CJ-0001: year, tier, sequence in the year.
TIER_CODES = {"digital_workshop": "CJ", "smart_factory": "GC", "future_factory": "WL"}

# The fields of the application row the enterprise edits (project and maturity).
EDITABLE_FIELDS = (
    "project_name",
    "project_division",
    "project_address",
    "project_summary",
    "construction_status",
    "production_started_on",
    "expected_completion_on",
    "maturity_level",
    "maturity_score",
    "maturity_assessed_on",
    "maturity_report_no",
)


def do_create_application(call: Call, enterprise: Enterprise, tier: str, *, actor: User) -> Application:
    """Start a draft for ``tier`` in ``call``; the enterprise's own bureau will review it."""
    require(can_start_application(actor, call, tier))
    if enterprise.pk != actor.enterprise_id:
        require(deny(_("只能为本企业发起申报")))
    with transaction.atomic():
        application = Application.objects.create(
            reference=new_reference(call, tier),
            call=call,
            enterprise=enterprise,
            tier=tier,
            jurisdiction=enterprise.jurisdiction,
            project_division=enterprise.registered_division,
            created_by=actor,
        )
        record(
            actor=actor,
            role=Role.ENTERPRISE,
            verb="create_application",
            target=application,
            summary=application.reference,
        )
        refresh_verdict(application)
    return application


def new_reference(call: Call, tier: str) -> str:
    """The next reference number of ``tier`` in the call's year (call inside a transaction)."""
    number = next_number(f"application-{call.year}-{tier}")
    return f"{call.year}-{TIER_CODES[tier]}-{number:04d}"


def do_update_application(application: Application, changes: Mapping[str, Any], *, actor: User) -> list[str]:
    """Save draft fields; return the names that changed (recorded with old and new values)."""
    require(can_edit_application(actor, application))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        locked = _lock_editable(application, actor)
        diff = {k: [_text(getattr(locked, k)), _text(v)] for k, v in changes.items() if getattr(locked, k) != v}
        if diff:
            for name in diff:
                setattr(locked, name, changes[name])
            locked.save(update_fields=[*diff, "updated_at"])
            record(
                actor=actor,
                role=Role.ENTERPRISE,
                verb="update_application",
                target=locked,
                summary=locked.reference,
                changes=diff,
            )
            refresh_verdict(locked)
    return list(diff)


def do_replace_investments(application: Application, items: Iterable[Mapping[str, Any]], *, actor: User) -> int:
    """Replace the investment items with ``items`` (dicts of InvestmentItem fields), in order."""
    rows = [InvestmentItem(application=application, position=i, **item) for i, item in enumerate(items, 1)]
    return _replace(application, actor, InvestmentItem, rows, "investments")


def do_replace_workshops(application: Application, items: Iterable[Mapping[str, Any]], *, actor: User) -> int:
    rows = [Workshop(application=application, position=i, **item) for i, item in enumerate(items, 1)]
    return _replace(application, actor, Workshop, rows, "workshops")


def do_replace_scenarios(application: Application, items: Iterable[Mapping[str, Any]], *, actor: User) -> int:
    rows = [Scenario(application=application, position=i, **item) for i, item in enumerate(items, 1)]
    return _replace(application, actor, Scenario, rows, "scenarios")


def _replace(application: Application, actor: User, model: Any, rows: list[Any], what: str) -> int:
    require(can_edit_application(actor, application))
    with transaction.atomic():
        locked = _lock_editable(application, actor)
        before = model.objects.filter(application=locked).count()
        model.objects.filter(application=locked).delete()
        model.objects.bulk_create(rows)
        Application.objects.filter(pk=locked.pk).update(updated_at=timezone.now())
        record(
            actor=actor,
            role=Role.ENTERPRISE,
            verb=f"replace_{what}",
            target=locked,
            summary=locked.reference,
            changes={what: [before, len(rows)]},
        )
        refresh_verdict(locked)
    return len(rows)


def do_accept_commitment(application: Application, *, actor: User) -> None:
    """The commitment letter (承诺书) citing Art. 12, accepted by a named person."""
    require(can_edit_application(actor, application))
    with transaction.atomic():
        locked = _lock_editable(application, actor)
        locked.commitment_accepted_at = timezone.now()
        locked.commitment_accepted_by = actor
        locked.save(update_fields=["commitment_accepted_at", "commitment_accepted_by", "updated_at"])
        record(actor=actor, role=Role.ENTERPRISE, verb="accept_commitment", target=locked, summary=locked.reference)


@contextmanager
def stored_files() -> Iterator[list[str]]:
    """Collect the names of files written inside a transaction; delete them if it fails.

    Storage is not transactional: without this, a failed upload would leave
    a file on disk that no row points to.
    """
    names: list[str] = []
    try:
        yield names
    except BaseException:
        for name in names:
            default_storage.delete(name)
        raise


def store_attachment(
    application: Application,
    upload: UploadedFile,
    *,
    kind: str,
    actor: User,
    content_type: str,
    written: list[str],
    event: ApplicationEvent | None = None,
) -> Attachment:
    """Write the file and its row (call inside a transaction and ``stored_files``)."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        application=application,
        kind=kind,
        original_name=(upload.name or "file")[:255],
        content_type=content_type,
        size=upload.size or 0,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
        event=event,
    )
    attachment.file.save(upload.name or "file", upload, save=False)
    written.append(attachment.file.name)
    attachment.save()
    return attachment


def do_add_attachment(application: Application, upload: UploadedFile, *, kind: str, actor: User) -> Attachment:
    """Add one of the enterprise's files; its type is read from its content, not its name."""
    require(can_edit_application(actor, application))
    content_type = check_upload(upload, max_mb=application.call.max_attachment_mb)
    with stored_files() as written, transaction.atomic():
        locked = _lock_editable(application, actor)
        attachment = store_attachment(
            locked, upload, kind=kind, actor=actor, content_type=content_type, written=written
        )
        record(
            actor=actor,
            role=Role.ENTERPRISE,
            verb="add_attachment",
            target=locked,
            summary=f"{locked.reference} {attachment.original_name}",
            changes={"sha256": attachment.sha256, "size": attachment.size},
        )
    return attachment


def do_remove_attachment(application: Application, attachment: Attachment, *, actor: User) -> None:
    """Take a file out of the working copy; earlier submissions still list it and it stays readable."""
    require(can_edit_application(actor, application))
    with transaction.atomic():
        locked = _lock_editable(application, actor)
        count = Attachment.objects.filter(
            pk=attachment.pk, application=locked, event__isnull=True, removed_at__isnull=True
        ).update(removed_at=timezone.now())
        if count:
            record(
                actor=actor,
                role=Role.ENTERPRISE,
                verb="remove_attachment",
                target=locked,
                summary=f"{locked.reference} {attachment.original_name}",
            )


def do_submit_application(application: Application, *, actor: User) -> ApplicationEvent:
    """Art. 8: submit to the local bureau, freezing a snapshot of what was submitted.

    The snapshot holds the application in the import format, its files (names,
    sizes, hashes) and the verdict on the day of submission; it is never
    changed afterwards, so a later correction never hides what came before.
    """
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
        locked.status = application.status  # the state the enterprise saw
        event = transition(
            locked,
            action,
            actor,
            submission=submission,
            verdict=verdict,
            updates={
                "applied_on": applied_on,
                "submission_count": number,
                "holder": locked.jurisdiction,
                "track": verdict.track or "",
                **verdict_columns(verdict),
            },
        )
    application.refresh_from_db()
    return event


def _snapshot(application: Application, facts: Any) -> dict[str, Any]:
    files = application.attachments.filter(removed_at__isnull=True, event__isnull=True)
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


def _lock_editable(application: Application, actor: User) -> Application:
    locked = Application.objects.select_for_update().get(pk=application.pk)
    require(can_edit_application(actor, locked))
    return locked


def _text(value: Any) -> str:
    return "" if value is None else str(value)
