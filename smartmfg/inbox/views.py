"""A user's in-platform messages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from smartmfg.access import get_or_404, visible_messages
from smartmfg.accounts.http import AuthedRequest
from smartmfg.inbox.actions import do_mark_read


@login_required
def message_list(request: AuthedRequest) -> HttpResponse:
    items = visible_messages(request.user)[:200]
    return render(request, "inbox/list.html", {"items": items})


@login_required
@require_POST
def mark_read(request: AuthedRequest, pk: int) -> HttpResponse:
    # A message belongs to its recipient alone: anyone else's is a 404.
    message = get_or_404(visible_messages(request.user), pk)
    do_mark_read(message, actor=request.user)
    return redirect(message.url or "inbox:list")
