"""The yearly call (申报通知, 第八条) and the policy it carries.

Each call holds its own copy of the policy parameters (domain.md §3), the
Rules' values by default; the Rules say they will be adjusted when things
change (第十四条), so each change is kept with who made it, when and why.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartmfg.rules import facts
from smartmfg.rules.policy import DEFAULT_POLICY, Policy


def default_policy() -> dict[str, Any]:
    return DEFAULT_POLICY.to_dict()


def default_tiers() -> list[str]:
    return list(facts.TIER_LABELS)


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("已发布")
    CLOSED = "closed", _("已结束")


class Call(models.Model):
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("申报通知标题"), max_length=200)
    document_number = models.CharField(_("通知文号"), max_length=64, blank=True)
    description = models.TextField(_("申报说明"), blank=True)
    tiers = models.JSONField(_("开放申报的类别"), default=default_tiers)
    opens_at = models.DateTimeField(_("申报开始时间"))
    closes_at = models.DateTimeField(_("申报截止时间"))
    bureau_review_deadline = models.DateField(_("属地初审截止日期"))
    policy = models.JSONField(_("认定条件参数"), default=default_policy)
    max_attachment_mb = models.PositiveSmallIntegerField(_("单个附件大小上限（MB）"), default=50)
    status = models.CharField(_("状态"), max_length=16, choices=CallStatus.choices, default=CallStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("申报批次")
        verbose_name_plural = _("申报批次")
        ordering = ["-year", "-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="call_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_policy(self) -> Policy:
        return Policy.from_dict(self.policy)

    def accepts_submissions(self, at: datetime | None = None) -> bool:
        """第八条: open, and between the opening and closing times (server clock)."""
        now = at or timezone.now()
        return self.status == CallStatus.OPEN and self.opens_at <= now < self.closes_at

    def offers(self, tier: str) -> bool:
        return tier in self.tiers


class PolicyChange(models.Model):
    """One change of one parameter of a call's policy."""

    call = models.ForeignKey(Call, verbose_name=_("申报批次"), on_delete=models.CASCADE, related_name="policy_changes")
    parameter = models.CharField(_("参数"), max_length=64)
    old_value = models.CharField(_("原值"), max_length=255)
    new_value = models.CharField(_("新值"), max_length=255)
    reason = models.TextField(_("调整理由"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("调整人"), on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("调整时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("参数调整记录")
        verbose_name_plural = _("参数调整记录")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.parameter}: {self.old_value} → {self.new_value}"
