"""Per-scope counters for document and reference numbers."""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class Sequence(models.Model):
    scope = models.CharField(_("编号范围"), max_length=64, unique=True)
    value = models.PositiveIntegerField(_("当前值"), default=0)

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")

    def __str__(self) -> str:
        return f"{self.scope}={self.value}"


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
