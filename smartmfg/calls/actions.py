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
from smartmfg.applications.bulk import Stored
from smartmfg.applications.models import Application, ApplicationEvent
from smartmfg.applications.verdicts import refresh_changes
from smartmfg.audit.models import record
from smartmfg.calls.models import Call, CallStatus, PolicyChange
from smartmfg.lib.choices import current_lang, label_of
from smartmfg.lib.validators import check_document_number
from smartmfg.rules.checks import RULE_LABELS
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
    """Art. 8: the Department drafts the year's call, with the Rules' parameters by default.

    Art. 2: one call a year in principle. A second call of a year needs
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
        diff = {
            k: [str(getattr(locked, k)), str(v)]
            for k, v in fields.items()
            if k in CALL_FIELDS and getattr(locked, k) != v
        }
        for name in diff:
            setattr(locked, name, fields[name])
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
    changed: list[tuple[Stored, dict[str, Any]]], diff: list[tuple[str, str, str]], reason: str, actor: User
) -> None:
    """An event in the history of every application whose verdict the change of policy changed (Art. 14)."""
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
