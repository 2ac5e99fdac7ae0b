"""Who sees what of the public's part of 第十条 (public_notices).

A public notice (公示) is put out for everyone: from its first day every
visitor, signed in or not, reads it, and it stays readable once it has ended.
Before its first day it does not exist for anyone on the public pages, the
Department included (it manages the notice on its own pages): a notice
announced for next Monday must not be read on Friday. What of each listed
application is public is decided by the page (domain.md §8), not here.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from smartmfg.access.core import AnyUser, get_or_404
from smartmfg.notices.models import PublicNotice

__all__: list[str] = ["get_public_notice_for_user", "visible_public_notices"]


def visible_public_notices(user: AnyUser) -> QuerySet[PublicNotice]:
    """第十条: every notice whose first day has come (Asia/Shanghai), open or ended, for everyone."""
    return PublicNotice.objects.filter(starts_on__lte=timezone.localdate())


def get_public_notice_for_user(user: AnyUser, pk: int) -> PublicNotice:
    """One public notice with its call, or 404 (also for a notice that has not started yet)."""
    return get_or_404(visible_public_notices(user).select_related("call"), pk)
