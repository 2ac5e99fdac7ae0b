"""Writes on calls: create, open, close, change the year's policy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from smartmfg.access import can_close_call, can_manage_calls, can_open_call, require
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.audit.models import record
from smartmfg.calls.models import Call, CallStatus, PolicyChange
from smartmfg.lib.choices import current_lang
from smartmfg.rules.policy import InvalidPolicy, Policy

CALL_FIELDS = (
    "year",
    "title",
    "document_number",
    "description",
    "tiers",
    "opens_at",
    "closes_at",
    "bureau_review_deadline",
    "max_attachment_mb",
)


def do_create_call(fields: Mapping[str, Any], *, actor: User) -> Call:
    """Art. 8: the Department drafts the year's call, with the Rules' parameters by default."""
    require(can_manage_calls(actor))
    with transaction.atomic():
        call = Call(created_by=actor, **{k: v for k, v in fields.items() if k in CALL_FIELDS})
        call.full_clean()
        call.save()
        record(actor=actor, role=Role.DEPARTMENT, verb="create_call", target=call, summary=call.title)
    return call


def do_update_call(call: Call, fields: Mapping[str, Any], *, actor: User) -> list[str]:
    require(can_manage_calls(actor))
    with transaction.atomic():
        locked = Call.objects.select_for_update().get(pk=call.pk)
        diff = {
            k: [str(getattr(locked, k)), str(v)]
            for k, v in fields.items()
            if k in CALL_FIELDS and getattr(locked, k) != v
        }
        for name in diff:
            setattr(locked, name, fields[name])
        if diff:
            locked.full_clean()
            locked.save(update_fields=list(diff))
            record(
                actor=actor, role=Role.DEPARTMENT, verb="update_call", target=locked, summary=locked.title, changes=diff
            )
    return list(diff)


def do_open_call(call: Call, *, actor: User) -> None:
    """Art. 8: publish the call; only a draft is published, once."""
    require(can_open_call(actor, call))
    _set_status(call, CallStatus.DRAFT, CallStatus.OPEN, "open_call", actor)


def do_close_call(call: Call, *, actor: User) -> None:
    """End the call: no more submissions, whatever its closing time says."""
    require(can_close_call(actor, call))
    _set_status(call, CallStatus.OPEN, CallStatus.CLOSED, "close_call", actor)


def _set_status(call: Call, expected: str, new: str, verb: str, actor: User) -> None:
    with transaction.atomic():
        # Compare-and-set: of two officers clicking at once, one changes it and the other is told.
        if Call.objects.filter(pk=call.pk, status=expected).update(status=new) != 1:
            raise ValidationError({"status": _("批次状态已变化，请刷新后查看")})
        record(
            actor=actor,
            role=Role.DEPARTMENT,
            verb=verb,
            target=call,
            summary=call.title,
            changes={"status": [expected, new]},
        )
    call.status = new


def do_change_policy(call: Call, changes: Mapping[str, str], *, reason: str, actor: User) -> Policy:
    """Art. 14: change parameters of a call's policy; each change is kept with who, when, old and new.

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
    call.policy = new.to_dict()
    if diff:
        from smartmfg.applications.verdicts import refresh_call_verdicts

        transaction.on_commit(lambda: refresh_call_verdicts(call))
    return new
