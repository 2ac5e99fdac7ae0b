"""The one write of the generic helpers: taking the next number of a sequence."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from smartmfg.lib.models import Sequence


def next_number(scope: str) -> int:
    """The next number in ``scope`` (1, 2, ...), never handed out twice.

    The increment is a single UPDATE, which takes the row lock on PostgreSQL
    and the write lock on SQLite, so two concurrent callers never get the
    same value.
    """
    with transaction.atomic():
        Sequence.objects.get_or_create(scope=scope)
        Sequence.objects.filter(scope=scope).update(value=F("value") + 1)
        return Sequence.objects.values_list("value", flat=True).get(scope=scope)
