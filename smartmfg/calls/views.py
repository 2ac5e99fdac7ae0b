"""The Department's pages for calls."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render

from smartmfg.access import can_manage_calls, get_call_for_user, require, visible_calls
from smartmfg.lib.http import AuthedRequest


@login_required
def call_list(request: AuthedRequest) -> HttpResponse:
    require(can_manage_calls(request.user))
    calls = visible_calls(request.user).annotate(application_count=Count("applications"))
    return render(request, "calls/list.html", {"calls": calls})


@login_required
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    require(can_manage_calls(request.user))
    call = get_call_for_user(request.user, pk)
    return render(
        request,
        "calls/detail.html",
        {"call": call, "policy": call.get_policy(), "changes": call.policy_changes.select_related("changed_by")},
    )
