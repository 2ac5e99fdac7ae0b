"""What the visits are chosen from: the call's review list and its accepted experts (第九条)."""

from __future__ import annotations

from django.db.models import QuerySet

from smartmfg.applications.models import Application
from smartmfg.calls.models import Call
from smartmfg.experts.models import Expert, InvitationStatus
from smartmfg.visits.models import REVIEW_STATES


def review_list(call: Call) -> QuerySet[Application]:
    """The call's applications in expert review or recommended by the experts: what a spot check is drawn from."""
    return Application.objects.filter(call=call, status__in=REVIEW_STATES)


def review_numbers(call: Call) -> list[str]:
    """The review list by reference number, sorted: the spot draw's input."""
    return sorted(review_list(call).values_list("reference", flat=True))


def accepted_pool(call: Call) -> QuerySet[Expert]:
    """The experts who accepted an invitation of one of the call's draws: the visits' experts come from them."""
    accepted = Expert.objects.filter(invitations__draw__call=call, invitations__status=InvitationStatus.ACCEPTED)
    return Expert.objects.filter(pk__in=accepted.values("pk")).select_related("group").order_by("code")
