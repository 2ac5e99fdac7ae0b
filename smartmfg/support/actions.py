"""Writes of 第十一条 support: a grant to a recognised application, and each payment of it.

Each action checks the permission itself, runs in one transaction and
appends its audit entry. Amounts are exact yuan with two decimals.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from smartmfg.access import can_manage_support, require
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application
from smartmfg.audit.actions import record
from smartmfg.lib.validators import CENT, check_document_number, check_not_future, check_yuan
from smartmfg.support.models import SupportGrant, SupportPayment

ZERO = Decimal("0.00")


def paid(application: Application) -> Decimal:
    """Everything paid to ``application`` under all its grants (第十二条 收回的上限)."""
    payments = SupportPayment.objects.filter(grant__application=application)
    total: Decimal | None = payments.aggregate(t=Sum("amount"))["t"]
    return ZERO if total is None else total.quantize(CENT)  # SQLite sums without the scale


def paid_of(grant: SupportGrant) -> Decimal:
    total: Decimal | None = grant.payments.aggregate(t=Sum("amount"))["t"]
    return ZERO if total is None else total.quantize(CENT)


def do_grant_support(
    application: Application,
    *,
    amount: Decimal,
    document_number: str,
    granted_on: dt.date,
    note: str = "",
    actor: User,
) -> SupportGrant:
    """第十一条: support granted to a recognised application, by the document that grants it."""
    amount = check_yuan(amount, field="amount", label=_("奖补金额"), positive=True)
    check_not_future(granted_on, field="granted_on", label=_("下达日期"))
    document_number = check_document_number(document_number, granted_on.year)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        require(can_manage_support(actor, locked))
        grant = SupportGrant.objects.create(
            application=locked,
            amount=amount,
            document_number=document_number,
            granted_on=granted_on,
            note=note.strip(),
            recorded_by=actor,
        )
        record(
            actor=actor,
            role=Role.DEPARTMENT,
            verb="grant_support",
            target=locked,
            summary=f"{locked.reference} {document_number} {amount}",
            changes={"amount": str(amount), "document_number": document_number, "granted_on": granted_on.isoformat()},
        )
    return grant


def do_record_payment(
    grant: SupportGrant, *, paid_on: dt.date, amount: Decimal, note: str = "", actor: User
) -> SupportPayment:
    """第十一条: one payment of a grant; all payments together never exceed the grant."""
    amount = check_yuan(amount, field="amount", label=_("拨付金额"), positive=True)
    check_not_future(paid_on, field="paid_on", label=_("拨付日期"))
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=grant.application_id)
        require(can_manage_support(actor, application))
        locked = SupportGrant.objects.select_for_update().get(pk=grant.pk)
        if paid_on < locked.granted_on:
            raise ValidationError({"paid_on": _("拨付日期不能早于下达日期（%(day)s）") % {"day": locked.granted_on}})
        left = locked.amount - paid_of(locked)
        if amount > left:
            raise ValidationError(
                {"amount": _("拨付金额 %(amount)s 元超过尚未拨付的 %(left)s 元") % {"amount": amount, "left": left}}
            )
        payment = SupportPayment.objects.create(
            grant=locked, paid_on=paid_on, amount=amount, note=note.strip(), recorded_by=actor
        )
        record(
            actor=actor,
            role=Role.DEPARTMENT,
            verb="record_support_payment",
            target=application,
            summary=f"{application.reference} {locked.document_number} {amount}",
            changes={"amount": str(amount), "paid_on": paid_on.isoformat(), "left": [str(left), str(left - amount)]},
        )
    return payment
