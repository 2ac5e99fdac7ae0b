"""The support panel on an application's page (第十一条): grants, payments, and what is still to pay."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest

from smartmfg.access import can_manage_support
from smartmfg.applications.models import Application
from smartmfg.applications.states import Status
from smartmfg.support.models import SupportGrant, SupportPayment

SHOWN = frozenset({Status.RECOGNISED, Status.REVOKED})


def support_panel(request: HttpRequest, application: Application) -> dict[str, Any] | None:
    """For a recognised application (or a revoked one): every grant with its payments; None otherwise."""
    if application.status not in SHOWN:
        return None
    grants = list(
        SupportGrant.objects.filter(application=application)
        .select_related("recorded_by")
        .prefetch_related(Prefetch("payments", queryset=SupportPayment.objects.select_related("recorded_by")))
    )
    rows = [_row(grant) for grant in grants]
    return {
        "application": application,
        "grants": rows,
        "granted": sum((r["grant"].amount for r in rows), start=_zero()),
        "paid": sum((r["paid"] for r in rows), start=_zero()),
        "can_manage": can_manage_support(request.user, application),
    }


def _row(grant: SupportGrant) -> dict[str, Any]:
    payments = list(grant.payments.all())
    paid = sum((p.amount for p in payments), start=_zero())
    return {"grant": grant, "payments": payments, "paid": paid, "left": grant.amount - paid}


def _zero() -> Decimal:
    return Decimal("0.00")
