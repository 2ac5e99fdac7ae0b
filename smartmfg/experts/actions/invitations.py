"""Answers to invitations (第九条): accept, decline with a reason, or let the deadline pass (a decline)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access.experts import can_answer_invitation
from smartmfg.accounts.models import User
from smartmfg.experts.actions.common import log, required
from smartmfg.experts.actions.draws import replace
from smartmfg.experts.models import Invitation, InvitationStatus
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
