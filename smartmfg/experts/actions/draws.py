"""随机抽取 (第九条): set up a draw, freeze its inputs, fix the seed, draw, and replace declines.

The algorithm is ``rules.experts.draw`` and never changes once used. The
order of the steps is what makes it verifiable: the inputs and their digest
are fixed (and shown) before any seed exists; the seed is either a public
random value that did not exist at the freeze or 32 bytes from ``secrets``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.accounts.models import User
from smartmfg.audit.actions import assign_changes
from smartmfg.calls.models import Call
from smartmfg.experts.actions.common import log, required
from smartmfg.experts.conflicts import conflicts_between
from smartmfg.experts.events import InvitationsSent
from smartmfg.experts.lists import review_list
from smartmfg.experts.models import (
    Draw,
    DrawExclusion,
    DrawStatus,
    Expert,
    ExpertStatus,
    Invitation,
    InvitationStatus,
    SeedSource,
)
from smartmfg.lib.choices import current_lang
from smartmfg.lib.events import emit
from smartmfg.rules.experts.draw import DrawInputs, InvalidDrawInput, draw, inputs_sha256, new_platform_seed

SETTINGS = ("tier", "purpose", "quotas", "reviews_per_application", "min_load", "max_load", "answer_by")
DECLINED = (InvitationStatus.DECLINED, InvitationStatus.EXPIRED)


def do_create_draw(call: Call, values: Mapping[str, Any], *, actor: User) -> Draw:
    with transaction.atomic():
        created = Draw(call=call, created_by=actor, **{k: values[k] for k in SETTINGS})
        created.full_clean()
        created.save()
        log(actor, "create_draw", created, _("新建专家抽取：%(purpose)s") % {"purpose": created.purpose})
        return created


def do_update_draw(draw_: Draw, values: Mapping[str, Any], *, actor: User) -> Draw:
    """Change the quotas and bounds, only before the freeze."""
    with transaction.atomic():
        locked = _locked(draw_, DrawStatus.DRAFT)
        changes = assign_changes(locked, values, only=SETTINGS)
        if changes:
            locked.full_clean()
            locked.save(update_fields=[*changes])
            log(actor, "update_draw", locked, _("修改专家抽取的设置"), changes=changes)
        return locked


def do_exclude_expert(draw_: Draw, expert: Expert, *, reason: str, actor: User) -> DrawExclusion:
    """An expert who cannot serve in this draw (unavailable...): excluded at the freeze, reason kept private."""
    reason = required(reason, "reason", _("请填写不参加抽取的原因"))
    with transaction.atomic():
        locked = _locked(draw_, DrawStatus.DRAFT)
        exclusion, _created = DrawExclusion.objects.update_or_create(
            draw=locked, expert=expert, defaults={"reason": reason}
        )
        log(actor, "exclude_expert", locked, _("专家 %(code)s 不参加本次抽取") % {"code": expert.code}, reason=reason)
        return exclusion


def frozen_inputs(draw_: Draw) -> dict[str, Any]:
    """The draw's inputs as of now: the pool, the excluded codes, the quotas and the purpose.

    The pool is every expert in the library (在库 and 暂停, not 出库). Excluded:
    the suspended, those whose term is over, those the Department marked
    unavailable, and those left with fewer applications free of conflict
    than the minimum load (they cannot serve). The reasons stay private.
    """
    today = timezone.localdate()
    pool = list(
        Expert.objects.filter(status__in=[ExpertStatus.ACTIVE, ExpertStatus.SUSPENDED])
        .select_related("group")
        .order_by("code")
    )
    applications = list(review_list(draw_))
    conflicts = conflicts_between(pool, applications, today=today)
    blocked: dict[int, int] = {}
    for _application, expert_id in conflicts:
        blocked[expert_id] = blocked.get(expert_id, 0) + 1
    unavailable = set(draw_.exclusions.values_list("expert_id", flat=True))
    excluded = [
        e.code
        for e in pool
        if e.status == ExpertStatus.SUSPENDED
        or not e.term_start <= today <= e.term_end
        or e.pk in unavailable
        or len(applications) - blocked.get(e.pk, 0) < max(draw_.min_load, 1)
    ]
    return {
        "purpose": draw_.purpose,
        "pool": [{"code": e.code, "group": e.group.code} for e in pool],
        "excluded": excluded,
        "quotas": dict(draw_.quotas),
    }


def do_freeze_draw(draw_: Draw, *, actor: User) -> Draw:
    """Fix the inputs and publish their digest, before any seed exists."""
    with transaction.atomic():
        locked = _locked(draw_, DrawStatus.DRAFT)
        if not review_list(locked).exists():
            raise ValidationError(_("没有处于专家评审阶段的申报，无需抽取专家"))
        inputs = frozen_inputs(locked)
        try:
            DrawInputs.from_json(inputs)
        except InvalidDrawInput as error:
            raise ValidationError({"quotas": error.render(current_lang())}) from None
        locked.inputs = inputs
        locked.inputs_sha256 = inputs_sha256(inputs)
        locked.frozen_at = timezone.now()
        locked.status = DrawStatus.FROZEN
        locked.save(update_fields=["inputs", "inputs_sha256", "frozen_at", "status"])
        log(actor, "freeze_draw", locked, _("固定抽取条件，摘要 %(digest)s") % {"digest": locked.inputs_sha256})
        return locked


def do_run_draw(draw_: Draw, *, public_seed: str = "", seed_note: str = "", actor: User) -> Draw:
    """Fix the seed (a public value typed with its source, or 32 bytes of ``secrets``), draw, invite."""
    public_seed = public_seed.strip()
    if public_seed:
        seed_note = required(seed_note, "seed_note", _("请说明公开随机数的来源"))
    with transaction.atomic():
        locked = _locked(draw_, DrawStatus.FROZEN)
        locked.seed = public_seed or new_platform_seed()
        locked.seed_source = SeedSource.PUBLIC if public_seed else SeedSource.PLATFORM
        locked.seed_note = seed_note.strip() if public_seed else _("平台随机数发生器（secrets）生成的32字节")
        locked.drawn_at = timezone.now()
        locked.status = DrawStatus.DRAWN
        locked.save(update_fields=["seed", "seed_source", "seed_note", "drawn_at", "status"])
        log(actor, "seed_draw", locked, _("确定随机种子（%(source)s）") % {"source": locked.get_seed_source_display()})
        result = draw(DrawInputs.from_json(locked.inputs), locked.seed)
        experts = Expert.objects.in_bulk(result.selected, field_name="code")
        invitations = Invitation.objects.bulk_create(
            [
                Invitation(draw=locked, expert=experts[code], position=i, answer_by=locked.answer_by)
                for i, code in enumerate(result.selected, start=1)
            ]
        )
        summary = _("抽取专家 %(count)d 名") % {"count": len(invitations)}
        log(actor, "run_draw", locked, summary, changes={"selected": list(result.selected)})
        emit(InvitationsSent(tuple(i.pk for i in invitations)))
        return locked


def declined_codes(draw_: Draw) -> list[str]:
    """The codes that declined (or let the deadline pass), in the order it happened."""
    rows = draw_.invitations.filter(status__in=DECLINED).order_by("answered_at", "position")
    return list(rows.values_list("expert__code", flat=True))


def replace(invitation: Invitation, *, actor: User | None) -> Invitation | None:
    """Invite the next ticket of the declined expert's group in their place (inside the transaction).

    The draw is re-run with every decline so far: the sampler is the single
    source of truth, so the document's replacements always re-run the same.
    A replacement has as long to answer as the first invitations had.
    """
    draw_ = invitation.draw
    result = draw(DrawInputs.from_json(draw_.inputs), draw_.seed, declined_codes(draw_))
    code = invitation.expert.code
    replacement = next(r.replacement for r in reversed(result.replacements) if r.declined == code)
    if replacement is None:
        log(actor, "replacement_exhausted", draw_, _("专家 %(code)s 谢绝后，该专业组已无可替补的专家") % {"code": code})
        return None
    last = draw_.invitations.order_by("-position").values_list("position", flat=True).first() or 0
    window = draw_.answer_by - draw_.drawn_at if draw_.drawn_at else dt.timedelta(0)
    new = Invitation.objects.create(
        draw=draw_,
        expert=Expert.objects.get(code=replacement),
        position=last + 1,
        replaces=invitation,
        answer_by=max(draw_.answer_by, timezone.now() + window),
    )
    log(actor, "replace_expert", draw_, _("专家 %(old)s 由 %(new)s 替补") % {"old": code, "new": replacement})
    emit(InvitationsSent((new.pk,)))
    return new


def _locked(draw_: Draw, status: str) -> Draw:
    locked = Draw.objects.select_for_update().get(pk=draw_.pk)
    if locked.status != status:
        raise ValidationError(
            _("该抽取当前为“%(status)s”，不能办理此操作，请刷新后重试") % {"status": locked.get_status_display()}
        )
    return locked
