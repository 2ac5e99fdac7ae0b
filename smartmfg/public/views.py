"""Pages anyone may read: what the programme is, the open calls, the results."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from smartmfg.access import get_call_for_user, visible_calls
from smartmfg.calls.models import CallStatus
from smartmfg.rules.facts import TIER_LABELS


def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    open_calls = visible_calls(request.user).filter(status=CallStatus.OPEN, closes_at__gt=now).order_by("closes_at")
    return render(request, "public/home.html", {"open_calls": open_calls, "tiers": TIER_LABELS, "now": now})


def results(request: HttpRequest) -> HttpResponse:
    # The published lists arrive with the publication step; until then the archive is empty.
    return render(request, "public/results.html", {"publications": []})


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_call_for_user(request.user, pk)
    return render(request, "public/call_detail.html", {"call": call, "tiers": TIER_LABELS})


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
