"""The enterprise's workspace and profile; enterprise pages for reviewers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from smartmfg.access import (
    can_edit_enterprise,
    can_record_about_enterprise,
    get_enterprise_for_user,
    require,
    require_role,
    visible_applications,
    visible_calls,
    visible_enterprises,
)
from smartmfg.accounts.roles import Role
from smartmfg.calls.models import CallStatus
from smartmfg.enterprises.actions import do_update_enterprise_profile
from smartmfg.enterprises.filters import EnterpriseFilter
from smartmfg.enterprises.forms import EnterpriseProfileForm
from smartmfg.enterprises.tables import EnterpriseTable
from smartmfg.lib.http import AuthedRequest
from smartmfg.lib.tables import table_page


@login_required
def workspace(request: AuthedRequest) -> HttpResponse:
    require_role(request.user, Role.ENTERPRISE)
    enterprise = request.user.enterprise
    applications = visible_applications(request.user).select_related("call").order_by("-created_at")
    open_calls = visible_calls(request.user).filter(status=CallStatus.OPEN, closes_at__gt=timezone.now())
    return render(
        request,
        "enterprises/workspace.html",
        {"enterprise": enterprise, "applications": applications, "open_calls": open_calls},
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthedRequest) -> HttpResponse:
    require_role(request.user, Role.ENTERPRISE)
    enterprise = get_enterprise_for_user(request.user, request.user.enterprise_id or 0)
    require(can_edit_enterprise(request.user, enterprise))
    form = EnterpriseProfileForm(request.POST or None, instance=enterprise)
    if request.method == "POST" and form.is_valid():
        # The form wrote onto the instance; the action compares with the stored row.
        do_update_enterprise_profile(enterprise, form.cleaned_data, actor=request.user)
        messages.success(request, _("企业信息已保存"))
        return redirect("enterprises:profile")
    return render(request, "enterprises/profile.html", {"enterprise": enterprise, "form": form})


@login_required
def enterprise_list(request: AuthedRequest) -> HttpResponse:
    require_role(request.user, Role.BUREAU, Role.DEPARTMENT)
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
    enterprise = get_enterprise_for_user(request.user, pk)
    context = {
        "enterprise": enterprise,
        "contacts": enterprise.contacts.all(),
        "credit_checks": enterprise.credit_checks.select_related("recorded_by"),
        "violations": enterprise.violations.select_related("recorded_by"),
        "incidents": enterprise.major_incidents.select_related("recorded_by"),
        "revocations": enterprise.revocations.prefetch_related("recoveries"),
        "applications": visible_applications(request.user).filter(enterprise=enterprise).select_related("call"),
        "can_record": can_record_about_enterprise(request.user, enterprise),
    }
    return render(request, "enterprises/detail.html", context)
