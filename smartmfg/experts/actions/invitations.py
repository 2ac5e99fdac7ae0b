"""Answers to invitations (第九条): accept, decline with a reason, let the deadline pass (a decline), or
withdraw after accepting (recorded by the Department, a decline too)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access.experts import can_answer_invitation, can_manage_experts
from smartmfg.accounts.models import User
from smartmfg.experts.actions.assignment import remove_seat
from smartmfg.experts.actions.common import log, required
from smartmfg.experts.actions.draws import replace
from smartmfg.experts.models import Invitation, InvitationStatus, Seat, SeatStatus
from smartmfg.lib.decisions import require


def do_accept_invitation(invitation: Invitation, *, actor: User) -> Invitation:
    with transaction.atomic():
        locked = _locked(invitation)
        require(can_answer_invitation(actor, locked))
        _answer(locked, InvitationStatus.ACCEPTED, "")
        log(actor, "accept_invitation", locked.draw, _("专家 %(code)s 接受邀请") % {"code": locked.expert.code})
        return locked


def do_decline_invitation(invitation: Invitation, *, reason: str, actor: User) -> Invitation | None:
    """Decline with a reason; the next ticket of the same group is invited. Returns the replacement's invitation."""
    reason = required(reason, "reason", _("请填写谢绝的理由"))
    with transaction.atomic():
        locked = _locked(invitation)
        require(can_answer_invitation(actor, locked))
        _answer(locked, InvitationStatus.DECLINED, reason)
        log(
            actor,
            "decline_invitation",
            locked.draw,
            _("专家 %(code)s 谢绝邀请") % {"code": locked.expert.code},
            reason=reason,
        )
        return replace(locked, actor=actor)


def do_release_expert(invitation: Invitation, *, reason: str, actor: User) -> Invitation | None:
    """An expert who accepted cannot serve after all (illness...): the Department records it as a decline.

    The next ticket of the group is invited, as for any decline, and each seat
    the expert held is filled again with every other seat kept. Returns the
    replacement's invitation.
    """
    require(can_manage_experts(actor))
    reason = required(reason, "reason", _("请填写专家退出评审的原因"))
    with transaction.atomic():
        locked = _locked(invitation)
        if locked.status != InvitationStatus.ACCEPTED:
            raise ValidationError({"reason": _("只有已接受邀请的专家可以退出评审")})
        _answer(locked, InvitationStatus.DECLINED, reason)
        code = locked.expert.code
        log(actor, "release_expert", locked.draw, _("专家 %(code)s 退出评审") % {"code": code}, reason=reason)
        replacement = replace(locked, actor=actor)
        seats = Seat.objects.select_for_update().filter(
            draw=locked.draw, expert=locked.expert, status=SeatStatus.ACTIVE
        )
        for seat in seats.select_related("draw", "application", "expert", "proposal"):
            remove_seat(seat, reason=_("专家退出评审：%(reason)s") % {"reason": reason}, actor=actor)
        return replacement


def do_expire_invitations(now: dt.datetime | None = None) -> int:
    """Silence past the deadline counts as a decline: each such invitation is replaced. Returns how many."""
    now = now or timezone.now()
    overdue = Invitation.objects.filter(status=InvitationStatus.PENDING, answer_by__lt=now).order_by("answer_by", "pk")
    count = 0
    for pk in overdue.values_list("pk", flat=True):
        with transaction.atomic():
            locked = _locked(Invitation(pk=pk))
            if locked.status != InvitationStatus.PENDING:
                continue  # answered meanwhile
            _answer(locked, InvitationStatus.EXPIRED, _("逾期未答复"))
            log(
                None,
                "expire_invitation",
                locked.draw,
                _("专家 %(code)s 逾期未答复，视为谢绝") % {"code": locked.expert.code},
            )
            replace(locked, actor=None)
            count += 1
    return count


def _locked(invitation: Invitation) -> Invitation:
    return Invitation.objects.select_for_update(of=("self",)).select_related("draw", "expert").get(pk=invitation.pk)


def _answer(invitation: Invitation, status: str, reason: str) -> None:
    invitation.status = status
    invitation.reason = reason
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "reason", "answered_at"])
