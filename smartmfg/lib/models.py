"""Per-scope counters for document and reference numbers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sequence(models.Model):
    scope = models.CharField(_("编号范围"), max_length=64, unique=True)
    value = models.PositiveIntegerField(_("当前值"), default=0)

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")

    def __str__(self) -> str:
        return f"{self.scope}={self.value}"
