"""Support (奖补资金) granted to a recognised application (第十一条), and what was paid of it.

第十一条: recognised enterprises receive support under the policies in force.
第十二条: a recognition obtained by fraud is revoked and the support paid is
recovered, so what was paid must be known to the fen. Grants and payments are
appended, never changed: a correction is a further entry with its reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartmfg.lib.fields import MoneyField


class SupportGrant(models.Model):
    """One decision to support a recognised application: how much, by which document, when."""

    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("认定项目"),
        on_delete=models.PROTECT,
        related_name="support_grants",
    )
    amount = MoneyField(_("奖补金额（元）"))
    document_number = models.CharField(_("拨付文号"), max_length=64)
    granted_on = models.DateField(_("下达日期"))
    note = models.CharField(_("说明"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("奖补资金")
        verbose_name_plural = _("奖补资金")
        ordering = ["granted_on", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="support_grant_positive")]

    def __str__(self) -> str:
        return f"{self.document_number} {self.amount}"


class SupportPayment(models.Model):
    """One payment of a grant; all the payments of a grant never exceed it."""

    grant = models.ForeignKey(
        SupportGrant, verbose_name=_("奖补资金"), on_delete=models.PROTECT, related_name="payments"
    )
    paid_on = models.DateField(_("拨付日期"))
    amount = MoneyField(_("拨付金额（元）"))
    note = models.CharField(_("说明"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("奖补资金拨付记录")
        verbose_name_plural = _("奖补资金拨付记录")
        ordering = ["paid_on", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="support_payment_positive")]

    def __str__(self) -> str:
        return f"{self.grant} {self.paid_on} {self.amount}"
