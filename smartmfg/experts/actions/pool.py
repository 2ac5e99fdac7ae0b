"""The expert pool (专家库): adding, importing, editing, suspending and retiring experts (第九条).

Each expert gets an account with the expert role and a permanent public
code (``ZJ0001``...), assigned in order and never reused. The resident ID
number is private: the audit trail keeps it masked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from smartmfg.access.experts import can_manage_experts
from smartmfg.accounts.models import User
from smartmfg.audit.actions import assign_changes
from smartmfg.experts.actions.common import log, required
from smartmfg.experts.models import Expert, ExpertStatus
from smartmfg.lib.decisions import require
from smartmfg.rules.experts.identity import mask_resident_id

CODE_PREFIX = "ZJ"
EDITABLE = (
    "name",
    "resident_id",
    "employer",
    "employer_uscc",
    "title",
    "group",
    "industries",
    "manufacturing",
    "division",
    "phone",
    "email",
    "term_start",
    "term_end",
)


def next_code() -> str:
    """The next free expert code; the last row is locked so two writers cannot take the same one."""
    last = Expert.objects.select_for_update().order_by("-code").values_list("code", flat=True).first()
    number = int(last[len(CODE_PREFIX) :]) + 1 if last else 1
    return f"{CODE_PREFIX}{number:04d}"


def create_expert(values: Mapping[str, Any], *, actor: User) -> Expert:
    """One new expert with their account (call inside a transaction; ``values`` already cleaned)."""
    code = next_code()
    account = User(username=code.lower(), name=values["name"], email=values["email"], is_expert=True)
    account.set_unusable_password()
    account.save()
    expert = Expert(code=code, user=account, **{name: values[name] for name in EDITABLE})
    expert.full_clean()
    expert.save()
    log(actor, "add_expert", expert, _("入库专家 %(code)s") % {"code": code})
    return expert


def do_add_expert(values: Mapping[str, Any], *, actor: User) -> Expert:
    """The Department adds one expert to the pool (在库), with their account."""
    require(can_manage_experts(actor))
    with transaction.atomic():
        return create_expert(values, actor=actor)


def do_import_experts(rows: Sequence[Mapping[str, Any]], *, source: str = "", actor: User) -> list[Expert]:
    """Add every row of an import, all or none, codes given in the sheet's order.

    Each expert has their own ``add_expert`` row; one ``import_experts`` row
    (on the first expert) summarises the import with every code it gave.
    """
    require(can_manage_experts(actor))
    if not rows:
        raise ValidationError(_("没有可导入的专家"))
    with transaction.atomic():
        experts = [create_expert(values, actor=actor) for values in rows]
        codes = [e.code for e in experts]
        summary = _("导入专家 %(count)d 名：%(first)s 至 %(last)s（%(source)s）") % {
            "count": len(codes),
            "first": codes[0],
            "last": codes[-1],
            "source": source or _("未命名文件"),
        }
        log(actor, "import_experts", experts[0], summary, changes={"codes": codes, "source": source})
    return experts


def do_update_expert(expert: Expert, values: Mapping[str, Any], *, reason: str, actor: User) -> Expert:
    """Edit an expert's record with the reason; the code never changes. Each change is recorded with its old value."""
    require(can_manage_experts(actor))
    reason = required(reason, "reason", _("请填写修改原因"))
    with transaction.atomic():
        locked = Expert.objects.select_for_update().get(pk=expert.pk)
        changes = assign_changes(locked, values, only=EDITABLE)
        if not changes:
            return locked
        locked.full_clean()
        if "resident_id" in changes:
            changes["resident_id"] = [mask_resident_id(v) for v in changes["resident_id"]]
        locked.save(update_fields=[*changes])
        if "name" in changes or "email" in changes:
            User.objects.filter(pk=locked.user_id).update(name=locked.name, email=locked.email)
        log(
            actor,
            "update_expert",
            locked,
            _("修改专家 %(code)s 的信息") % {"code": locked.code},
            reason=reason,
            changes=changes,
        )
        return locked


def do_change_expert_status(expert: Expert, status: str, *, reason: str, actor: User) -> Expert:
    """在库, 暂停 (with a reason) or 出库: a suspended or retired expert is never drawn."""
    require(can_manage_experts(actor))
    if status not in ExpertStatus.values:
        raise ValidationError({"status": _("请选择专家的状态")})
    if status != ExpertStatus.ACTIVE:
        reason = required(reason, "reason", _("请说明暂停或出库的原因"))
    with transaction.atomic():
        locked = Expert.objects.select_for_update().get(pk=expert.pk)
        changes = assign_changes(locked, {"status": status, "status_reason": reason})
        if changes:
            locked.save(update_fields=[*changes])
            log(
                actor,
                "change_expert_status",
                locked,
                _("专家 %(code)s：%(status)s") % {"code": locked.code, "status": locked.get_status_display()},
                reason=reason,
                changes=changes,
            )
        return locked
