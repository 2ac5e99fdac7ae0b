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
from smartmfg.audit.actions import assign_changes, record
from smartmfg.calls.models import Call, CallStatus
from smartmfg.lib.validators import check_document_number

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
    """第八条: the Department drafts the year's call, with the Rules' parameters by default.

    第二条: one call a year in principle. A second call of a year needs
    ``confirm_second_call`` and a ``second_call_reason`` in ``fields``; the
    reason is recorded with the call's creation.
    """
    require(can_manage_calls(actor))
    with transaction.atomic():
        call = Call(created_by=actor, **{k: v for k, v in fields.items() if k in CALL_FIELDS})
        _check_document_number(call)
        call.full_clean()
        reason = _second_call_reason(call, fields)
        call.save()
        record(actor=actor, role=Role.DEPARTMENT, verb="create_call", target=call, summary=call.title, reason=reason)
    return call


def _check_document_number(call: Call) -> None:
    if call.document_number.strip():
        call.document_number = check_document_number(call.document_number, None)


def _second_call_reason(call: Call, fields: Mapping[str, Any]) -> str:
    """第二条: the reason for another call in a year that has one ("" when it is the year's first)."""
    others = list(Call.objects.filter(year=call.year).exclude(pk=call.pk).values_list("title", flat=True))
    if not others:
        return ""
    reason = str(fields.get("second_call_reason") or "").strip()
    if not fields.get("confirm_second_call") or not reason:
        raise ValidationError(
            {
                "second_call_reason": _(
                    "%(year)s年度已有申报批次（%(titles)s）。第二条规定原则上每年组织一次，"
                    "如确需再次组织，请勾选确认并填写理由"
                )
                % {"year": call.year, "titles": "、".join(others)}
            }
        )
    return _("本年度第%(n)d个申报批次：%(reason)s") % {"n": len(others) + 1, "reason": reason}


def do_update_call(call: Call, fields: Mapping[str, Any], *, actor: User) -> list[str]:
    require(can_manage_calls(actor))
    with transaction.atomic():
        locked = Call.objects.select_for_update().get(pk=call.pk)
        diff = assign_changes(locked, fields, only=CALL_FIELDS)
        if diff:
            _check_document_number(locked)
            locked.full_clean()
            reason = _second_call_reason(locked, fields) if "year" in diff else ""
            locked.save(update_fields=list(diff))
            record(
                actor=actor,
                role=Role.DEPARTMENT,
                verb="update_call",
                target=locked,
                summary=locked.title,
                reason=reason,
                changes=diff,
            )
    return list(diff)


def do_open_call(call: Call, *, actor: User) -> None:
    """第八条: publish the call; only a draft is published, once."""
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
