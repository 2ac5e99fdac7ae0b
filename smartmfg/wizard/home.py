"""The enterprise's home: the bureau's returns first, the calls it may apply to (or the ban of 第十二条), its
applications; and its profile, shared by all its applications."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from smartmfg.access import (
    can_apply,
    can_edit_enterprise,
    can_start_application,
    enterprise_ban,
    get_enterprise_for_user,
    require,
    visible_applications,
    visible_calls,
)
from smartmfg.accounts.http import AuthedRequest
from smartmfg.calls.models import Call, CallStatus
from smartmfg.lib.choices import label_of
from smartmfg.lib.forms import posted
from smartmfg.rules.facts import TIER_LABELS, TIERS
from smartmfg.wizard.forms import ProfileForms
from smartmfg.wizard.presenters import latest_returns


@login_required
@require_GET
def workspace(request: AuthedRequest) -> HttpResponse:
    """The enterprise's home: the bureau's returns first, the open calls to apply to, its applications."""
    require(can_apply(request.user))
    enterprise = request.user.enterprise
    applications = list(visible_applications(request.user).select_related("call").order_by("-created_at"))
    open_calls = visible_calls(request.user).filter(status=CallStatus.OPEN, closes_at__gt=timezone.now())
    calls = [_call_entry(request, call) for call in open_calls]
    returns = latest_returns(applications)
    rows = [{"application": a, "returned": returns.get(a.pk)} for a in applications]
    context = {
        "enterprise": enterprise,
        "rows": rows,
        "returned": [row for row in rows if row["returned"] is not None],
        "calls": calls,
        "ban": next((entry["ban"] for entry in calls if entry["ban"]), ""),
    }
    return render(request, "enterprises/workspace.html", context)


def _call_entry(request: AuthedRequest, call: Call) -> dict[str, Any]:
    """An open call: the ban of 第十二条 in place of its buttons when one holds, else a button per tier."""
    ban = enterprise_ban(request.user.enterprise_id or 0, call)
    return {"call": call, "ban": ban, "tiers": [] if ban else _tier_buttons(request, call)}


def _tier_buttons(request: AuthedRequest, call: Call) -> list[dict[str, Any]]:
    """One "申报…" button per tier the call offers, with the reason when it may not be started."""
    return [
        {
            "tier": tier,
            "label": label_of(TIER_LABELS, tier),
            "decision": can_start_application(request.user, call, tier, ban=""),
        }
        for tier in TIERS
        if call.offers(tier)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthedRequest) -> HttpResponse:
    """The enterprise's profile and contacts, shared by all its applications."""
    require(can_apply(request.user))
    enterprise = get_enterprise_for_user(request.user, request.user.enterprise_id or 0)
    require(can_edit_enterprise(request.user, enterprise))
    profile = ProfileForms(posted(request), enterprise, readonly=False)
    if request.method == "POST" and profile.is_valid():
        profile.save(enterprise, actor=request.user)
        messages.success(request, _("企业信息已保存"))
        return redirect("enterprises:profile")
    status = 400 if request.method == "POST" else 200
    context = {"enterprise": enterprise, "form": profile.form, "contacts": profile.contacts}
    return render(request, "enterprises/profile.html", context, status=status)
