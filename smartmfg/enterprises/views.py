"""Enterprise pages for reviewers: the list of a jurisdiction's enterprises, one enterprise and its records.

The enterprise's own home and profile are the enterprise's form's (``wizard.home``).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from smartmfg.access import (
    can_record_about_enterprise,
    can_see_enterprises,
    get_enterprise_for_user,
    require,
    visible_applications,
    visible_enterprises,
)
from smartmfg.accounts.http import AuthedRequest
from smartmfg.enterprises.filters import EnterpriseFilter
from smartmfg.enterprises.record_forms import RECORD_FORMS
from smartmfg.enterprises.tables import EnterpriseTable
from smartmfg.lib.tables import table_page


@login_required
def enterprise_list(request: AuthedRequest) -> HttpResponse:
    require(can_see_enterprises(request.user))
    return table_page(
        request,
        queryset=visible_enterprises(request.user).select_related("jurisdiction"),
        table_class=EnterpriseTable,
        filterset_class=EnterpriseFilter,
        template="enterprises/list.html",
        export_name="enterprises",
    )


@login_required
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The enterprise and the records about it; bureaus above it and the Department append records here."""
    enterprise = get_enterprise_for_user(request.user, pk)
    can_record = can_record_about_enterprise(request.user, enterprise)
    context = {
        "enterprise": enterprise,
        "contacts": enterprise.contacts.all(),
        "credit_checks": enterprise.credit_checks.select_related("recorded_by"),
        "violations": enterprise.violations.select_related("recorded_by"),
        "incidents": enterprise.major_incidents.select_related("recorded_by"),
        "revocations": enterprise.revocations.prefetch_related("recoveries"),
        "applications": visible_applications(request.user).filter(enterprise=enterprise).select_related("call"),
        "can_record": can_record,
        "record_forms": [(kind, label, form(prefix=kind)) for kind, (label, form) in RECORD_FORMS.items()]
        if can_record
        else [],
    }
    return render(request, "enterprises/detail.html", context)
