"""The audit trail of changes that are not steps of an application.

Application steps have their own history (``ApplicationEvent``); everything
else that changes data (a profile, a record, a call) appends one row here in
the same transaction. Rows are never updated or deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("角色"), max_length=16)
    verb = models.CharField(_("操作"), max_length=64)
    target_type = models.CharField(_("对象类型"), max_length=64)
    target_id = models.CharField(_("对象编号"), max_length=64)
    summary = models.CharField(_("摘要"), max_length=255)
    reason = models.TextField(_("理由"), blank=True)
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)

    class Meta:
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb} {self.summary}"
