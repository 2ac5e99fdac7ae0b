"""Writes of the enterprise's form: drafting, its rows, its files, the commitment letter.

Each action is one transaction, checks the permission itself (callers may
be views, the API, commands or tests), records what it changed, and keeps
the stored verdict columns in step (``eligibility.actions.refresh_verdict``).
Submitting is a step of the workflow (``workflow.actions``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access import can_edit_application, can_start_application, deny, require
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.actions import new_reference, store_attachment, stored_files
from smartmfg.applications.models import Application, Attachment, InvestmentItem, Scenario, Workshop
from smartmfg.applications.uploads import check_upload
from smartmfg.audit.actions import assign_changes, record
from smartmfg.calls.models import Call
from smartmfg.eligibility.actions import refresh_verdict
from smartmfg.enterprises.models import Enterprise
from smartmfg.experts.models import AvoidedOrganisation

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


def do_update_application(application: Application, changes: Mapping[str, Any], *, actor: User) -> list[str]:
    """Save draft fields; return the names that changed (recorded with old and new values)."""
    require(can_edit_application(actor, application))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        locked = _lock_editable(application, actor)
        diff = assign_changes(locked, changes)
        if diff:
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


def do_replace_avoided(application: Application, items: Iterable[Mapping[str, Any]], *, actor: User) -> int:
    """第九条: organisations whose employees must not review the application (matched with experts' employers)."""
    rows = [AvoidedOrganisation(application=application, **item) for item in items]
    return _replace(application, actor, AvoidedOrganisation, rows, "avoided")


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
    """The commitment letter (承诺书) citing 第十二条, accepted by a named person."""
    require(can_edit_application(actor, application))
    with transaction.atomic():
        locked = _lock_editable(application, actor)
        locked.commitment_accepted_at = timezone.now()
        locked.commitment_accepted_by = actor
        locked.save(update_fields=["commitment_accepted_at", "commitment_accepted_by", "updated_at"])
        record(actor=actor, role=Role.ENTERPRISE, verb="accept_commitment", target=locked, summary=locked.reference)


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
        count = locked.current_files().filter(pk=attachment.pk).update(removed_at=timezone.now())
        if count:
            record(
                actor=actor,
                role=Role.ENTERPRISE,
                verb="remove_attachment",
                target=locked,
                summary=f"{locked.reference} {attachment.original_name}",
            )


def _lock_editable(application: Application, actor: User) -> Application:
    locked = Application.objects.select_for_update().get(pk=application.pk)
    require(can_edit_application(actor, locked))
    return locked
