"""Pages of 第十一条 support: grant and payment forms, and the Department's ledger."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from smartmfg.access import (
    can_manage_support,
    can_use_department_pages,
    get_application_for_user,
    get_support_grant_for_user,
    require,
    visible_support_grants,
)
from smartmfg.accounts.http import AuthedRequest
from smartmfg.lib.tables import table_page
from smartmfg.support import actions
from smartmfg.support.forms import GrantForm, PaymentForm
from smartmfg.support.models import SupportPayment
from smartmfg.support.tables import GrantTable


@login_required
@require_http_methods(["GET", "POST"])
def grant(request: AuthedRequest, pk: int) -> HttpResponse:
    """第十一条: grant support to a recognised application."""
    application = get_application_for_user(request.user, pk)
    require(can_manage_support(request.user, application))
    form = GrantForm(request.POST or None)
    saved = _saved(request, form, lambda data: actions.do_grant_support(application, **data, actor=request.user))
    if saved:
        messages.success(request, _("已录入奖补资金"))
        return redirect("applications:detail", pk=application.pk)
    context = {"application": application, "form": form, "grant": None, "paid": actions.paid(application)}
    return render(request, "support/form.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def payment(request: AuthedRequest, pk: int) -> HttpResponse:
    """第十一条: one payment of a grant."""
    the_grant = get_support_grant_for_user(request.user, pk)
    application = the_grant.application
    require(can_manage_support(request.user, application))
    form = PaymentForm(request.POST or None)
    saved = _saved(request, form, lambda data: actions.do_record_payment(the_grant, **data, actor=request.user))
    if saved:
        messages.success(request, _("已录入拨付记录"))
        return redirect("applications:detail", pk=application.pk)
    context = {"application": application, "form": form, "grant": the_grant, "paid": actions.paid_of(the_grant)}
    return render(request, "support/form.html", context, status=400 if request.method == "POST" else 200)


def _saved(request: AuthedRequest, form: forms.Form, action: Callable[[dict[str, Any]], object]) -> bool:
    """Run ``action`` on a valid posted form; a refusal of the action goes onto the form's fields."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    return True


@login_required
@require_GET
def ledger(request: AuthedRequest) -> HttpResponse:
    """第十一条、第十二条: every grant with what was paid and what is left, filtered and exported like every list."""
    require(can_use_department_pages(request.user))
    paid = SupportPayment.objects.filter(grant=OuterRef("pk")).values("grant").annotate(t=Sum("amount")).values("t")
    money: DecimalField[Decimal, Decimal] = DecimalField(max_digits=14, decimal_places=2)
    grants = (
        visible_support_grants(request.user)
        .select_related("application__enterprise")
        .annotate(paid=Coalesce(Subquery(paid, output_field=money), Value(Decimal("0.00")), output_field=money))
        .annotate(left=F("amount") - F("paid"))
    )
    return table_page(
        request, queryset=grants, table_class=GrantTable, template="support/ledger.html", export_name="support"
    )
