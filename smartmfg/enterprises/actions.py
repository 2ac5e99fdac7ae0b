"""Writes about enterprises: each one named, atomic and recorded."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from smartmfg.access import can_edit_enterprise, can_record_about_enterprise, require
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.audit.actions import assign_changes, record
from smartmfg.enterprises.events import RecordAdded
from smartmfg.enterprises.models import Contact, CreditCheck, Enterprise, MajorIncident, Violation
from smartmfg.lib.events import emit


def do_update_enterprise_profile(
    enterprise: Enterprise, changes: dict[str, Any], *, actor: User, reason: str = ""
) -> Enterprise:
    """Apply the profile fields in ``changes``; record each old and new value.

    Fields that did not change are not written and not recorded.
    """
    require(can_edit_enterprise(actor, enterprise))
    with transaction.atomic():
        locked = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
        diff = assign_changes(locked, changes)
        if not diff:
            return locked
        locked.save(update_fields=[*diff, "updated_at"])
        record(
            actor=actor,
            role=Role.ENTERPRISE,
            verb="update_enterprise_profile",
            target=locked,
            summary=locked.name,
            reason=reason,
            changes=diff,
        )
        # Legal status, tax and region are facts of eligibility (第四条).
        emit(RecordAdded(locked.pk))
    return locked


def _add_record(model: type[Any], enterprise: Enterprise, fields: dict[str, Any], *, actor: User, verb: str) -> Any:
    """Append a record about ``enterprise`` (never an update: records are history)."""
    decision = can_record_about_enterprise(actor, enterprise)
    require(decision)
    role = Role.DEPARTMENT if actor.is_department else Role.BUREAU
    with transaction.atomic():
        row = model(enterprise=enterprise, recorded_by=actor, **fields)
        row.full_clean()
        row.save()
        record(
            actor=actor,
            role=role,
            verb=verb,
            target=enterprise,
            summary=f"{enterprise.name} {row}",
            changes={k: str(v) for k, v in fields.items()},
        )
        emit(RecordAdded(enterprise.pk))
    return row


def do_record_credit_check(enterprise: Enterprise, fields: dict[str, Any], *, actor: User) -> CreditCheck:
    """第四条 and definition (八): the credit check result and the two lists, as checked."""
    return _add_record(CreditCheck, enterprise, fields, actor=actor, verb="record_credit_check")  # type: ignore[no-any-return]


def do_record_violation(enterprise: Enterprise, fields: dict[str, Any], *, actor: User) -> Violation:
    """第四条: an unlawful act."""
    return _add_record(Violation, enterprise, fields, actor=actor, verb="record_violation")  # type: ignore[no-any-return]


def do_record_major_incident(enterprise: Enterprise, fields: dict[str, Any], *, actor: User) -> MajorIncident:
    """第四条: a major safety, quality or environmental problem."""
    return _add_record(MajorIncident, enterprise, fields, actor=actor, verb="record_major_incident")  # type: ignore[no-any-return]


def do_replace_contacts(enterprise: Enterprise, contacts: Iterable[Mapping[str, Any]], *, actor: User) -> int:
    """The enterprise's own contacts, replaced as a whole (dicts of Contact fields, in order).

    The first contact is the primary one when none is marked; the old and new
    lists are recorded.
    """
    require(can_edit_enterprise(actor, enterprise))
    rows = [Contact(enterprise=enterprise, **contact) for contact in contacts]
    if rows and not any(row.is_primary for row in rows):
        rows[0].is_primary = True
    with transaction.atomic():
        locked = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
        before = [_contact_text(c) for c in locked.contacts.all()]
        after = [_contact_text(c) for c in rows]
        if before == after:
            return len(rows)
        locked.contacts.all().delete()
        Contact.objects.bulk_create(rows)
        record(
            actor=actor,
            role=Role.ENTERPRISE,
            verb="replace_contacts",
            target=locked,
            summary=locked.name,
            changes={"contacts": ["；".join(before), "；".join(after)]},
        )
    return len(rows)


def do_save_profile(
    enterprise: Enterprise,
    changes: dict[str, Any],
    contacts: Iterable[Mapping[str, Any]] | None,
    *,
    actor: User,
) -> Enterprise:
    """The profile page's save: its fields and (when the page carried them) its contacts, together or not at all."""
    with transaction.atomic():
        saved = do_update_enterprise_profile(enterprise, changes, actor=actor)
        if contacts is not None:
            do_replace_contacts(enterprise, contacts, actor=actor)
    return saved


def _contact_text(contact: Contact) -> str:
    primary = "*" if contact.is_primary else ""
    return f"{primary}{contact.name} {contact.title} {contact.phone} {contact.email}".strip()
