"""``{% call_notices call as notices %}``: a call's public notices (第十条), for the call's public page."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count
from django.utils import timezone

from smartmfg.access import visible_public_notices
from smartmfg.calls.models import Call
from smartmfg.public.notice_views import Listed, listed

register = template.Library()


@register.simple_tag(takes_context=True)
def call_notices(context: dict[str, Any], call: Call) -> list[Listed]:
    """The notices of ``call`` that the visitor may read, newest first (one query)."""
    request = context["request"]
    notices = visible_public_notices(request.user).filter(call=call).annotate(size=Count("applications"))
    return listed(notices.select_related("call").order_by("-starts_on", "-id"), timezone.now())
