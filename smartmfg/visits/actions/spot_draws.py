"""随机抽取抽查对象 (第九条): freeze the review list, fix the seed, draw a share of it; picks with a reason.

The sampler is the expert draw's (``rules.experts.spot_sample``), over the
applications' reference numbers, and the order of the steps is what makes it
verifiable: the numbers and the share are fixed and their digest shown
before any seed exists; the seed is a public random value that did not exist
at the freeze, or 32 bytes from ``secrets``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access import can_manage_visits, can_pick_for_visit, require
from smartmfg.accounts.models import User
from smartmfg.applications.models import Application
from smartmfg.calls.models import Call
from smartmfg.experts.actions.common import log, required
from smartmfg.experts.models import SeedSource
from smartmfg.rules.experts.draw import new_platform_seed
from smartmfg.rules.experts.spot_sample import spot_check_count, spot_check_sample, spot_inputs_sha256
from smartmfg.visits.lists import review_numbers
from smartmfg.visits.models import SelectionSource, SpotDraw, SpotDrawStatus, SpotSelection


def do_create_spot_draw(call: Call, *, actor: User) -> SpotDraw:
    """The call's spot draw, in 设置中: the page shows the review list and the share it would take."""
    require(can_manage_visits(actor))
    with transaction.atomic():
        Call.objects.select_for_update().get(pk=call.pk)  # one spot draw per call, even when two officers click
        if SpotDraw.objects.filter(call=call).exists():
            raise ValidationError(_("本批次已有现场抽查对象的抽取"))
        created = SpotDraw.objects.create(call=call, created_by=actor)
        log(actor, "create_spot_draw", created, _("新建现场抽查对象抽取"))
        return created


def do_freeze_spot_draw(spot_draw: SpotDraw, *, actor: User) -> SpotDraw:
    """Fix the review list (reference numbers) and the share, and publish their digest, before any seed."""
    require(can_manage_visits(actor))
    with transaction.atomic():
        locked = _locked(spot_draw, SpotDrawStatus.DRAFT)
        numbers = review_numbers(locked.call)
        if not numbers:
            raise ValidationError(_("没有处于专家评审阶段的申报，无需抽取"))
        share = locked.call.get_policy().spot_check_share
        if spot_check_count(len(numbers), share) == 0:
            raise ValidationError(
                {
                    "share_percent": _("按抽查比例 %(share)d%% 不抽取任何申报；如需随机抽查，请先调整批次参数")
                    % {"share": share}
                }
            )
        locked.numbers = numbers
        locked.share_percent = share
        locked.inputs_sha256 = spot_inputs_sha256(numbers, share)
        locked.frozen_at = timezone.now()
        locked.status = SpotDrawStatus.FROZEN
        locked.save(update_fields=["numbers", "share_percent", "inputs_sha256", "frozen_at", "status"])
        summary = _("固定抽查名单（%(count)d 项，比例 %(share)d%%），摘要 %(digest)s") % {
            "count": len(numbers),
            "share": share,
            "digest": locked.inputs_sha256,
        }
        log(actor, "freeze_spot_draw", locked, summary)
        return locked


def do_run_spot_draw(spot_draw: SpotDraw, *, public_seed: str = "", seed_note: str = "", actor: User) -> SpotDraw:
    """Fix the seed (a public value typed with its source, or 32 bytes of ``secrets``) and draw the share."""
    require(can_manage_visits(actor))
    public_seed = public_seed.strip()
    if public_seed:
        seed_note = required(seed_note, "seed_note", _("请说明公开随机数的来源"))
    with transaction.atomic():
        locked = _locked(spot_draw, SpotDrawStatus.FROZEN)
        share = locked.share_percent or 0
        locked.seed = public_seed or new_platform_seed()
        locked.seed_source = SeedSource.PUBLIC if public_seed else SeedSource.PLATFORM
        locked.seed_note = seed_note.strip() if public_seed else _("平台随机数发生器（secrets）生成的32字节")
        locked.sampled = spot_check_sample(locked.numbers, share, locked.seed)
        locked.drawn_at = timezone.now()
        locked.status = SpotDrawStatus.DRAWN
        locked.save(update_fields=["seed", "seed_source", "seed_note", "sampled", "drawn_at", "status"])
        log(
            actor,
            "seed_spot_draw",
            locked,
            _("确定随机种子（%(source)s）") % {"source": locked.get_seed_source_display()},
        )
        chosen = Application.objects.filter(call=locked.call, reference__in=locked.sampled)
        SpotSelection.objects.bulk_create(
            [
                SpotSelection(application=a, source=SelectionSource.SAMPLED, spot_draw=locked, selected_by=actor)
                for a in chosen.order_by("reference")
            ]
        )
        summary = _("随机抽中 %(count)d 项申报进行现场抽查") % {"count": len(locked.sampled)}
        log(actor, "run_spot_draw", locked, summary, changes={"sampled": list(locked.sampled)})
        return locked


def do_pick_for_visit(application: Application, *, reason: str, actor: User) -> SpotSelection:
    """The Department adds an application to the spot checks, with its written reason (an outlier score...)."""
    reason = required(reason, "reason", _("请填写选定该申报进行现场抽查的理由"))
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        require(can_pick_for_visit(actor, locked))
        picked = SpotSelection.objects.create(
            application=locked, source=SelectionSource.PICKED, reason=reason, selected_by=actor
        )
        summary = _("选定 %(ref)s 进行现场抽查") % {"ref": locked.reference}
        log(actor, "pick_for_visit", picked, summary, reason=reason)
        return picked


def _locked(spot_draw: SpotDraw, status: str) -> SpotDraw:
    locked = SpotDraw.objects.select_for_update().select_related("call").get(pk=spot_draw.pk)
    if locked.status != status:
        raise ValidationError(
            _("该抽取当前为“%(status)s”，不能办理此操作，请刷新后重试") % {"status": locked.get_status_display()}
        )
    return locked
