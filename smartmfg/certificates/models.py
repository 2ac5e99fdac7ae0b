"""Recognition numbers (认定编号) and certificates (证书) of the published list (第十条).

Each call has one numbering series: a format and a short name (简称) per tier,
the Department's to set until the first number is issued, frozen after it (a
number once printed on a certificate never changes meaning). Each line of a
published list gets one certificate, numbered in the list's order, a sequence
per call and tier. The certificate keeps the line as issued (enterprise,
project, tier, region, recognition or cultivation), so a later change of an
enterprise's name never rewrites what was certified; its current status
(valid, cultivation, revoked...) is read from the application.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartmfg.rules.facts import TIER_LABELS

DEFAULT_FORMAT = "吉{prefix}-{year}-{seq:04d}"
# The tiers' short names: 数字化车间 → 数车, 智能工厂 → 智工, 未来工厂 → 未工 (第三条's three levels).
DEFAULT_PREFIXES = {"digital_workshop": "数车", "smart_factory": "智工", "future_factory": "未工"}


def default_prefixes() -> dict[str, str]:
    return {tier: DEFAULT_PREFIXES.get(tier, tier) for tier in TIER_LABELS}


class CertificateSeries(models.Model):
    """How one call's recognition numbers are written; frozen once the first is issued."""

    call = models.OneToOneField(
        "calls.Call", verbose_name=_("申报批次"), on_delete=models.PROTECT, related_name="certificate_series"
    )
    number_format = models.CharField(
        _("编号格式"),
        max_length=64,
        default=DEFAULT_FORMAT,
        help_text=_("可用 {prefix}（类别简称）、{year}（年度）、{seq}（序号，如 {seq:04d} 补足4位），三者都须出现"),
    )
    prefixes = models.JSONField(_("类别简称"), default=default_prefixes)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("设置人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("设置时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("认定编号规则")
        verbose_name_plural = _("认定编号规则")

    def __str__(self) -> str:
        return f"{self.call} {self.number_format}"


class Certificate(models.Model):
    """One line of a published list: its recognition number and what the certificate states."""

    class Track(models.TextChoices):
        RECOGNITION = "recognition", _("认定")
        CULTIVATION = "cultivation", _("培育")

    series = models.ForeignKey(
        CertificateSeries, verbose_name=_("认定编号规则"), on_delete=models.PROTECT, related_name="certificates"
    )
    publication = models.ForeignKey(
        "notices.Publication", verbose_name=_("公布文件"), on_delete=models.PROTECT, related_name="certificates"
    )
    application = models.OneToOneField(
        "applications.Application", verbose_name=_("申报"), on_delete=models.PROTECT, related_name="certificate"
    )
    number = models.CharField(_("认定编号"), max_length=64, unique=True)
    tier = models.CharField(_("类别"), max_length=32)
    sequence = models.PositiveIntegerField(_("序号"))
    position = models.PositiveIntegerField(_("名单中的序号"))
    enterprise_name = models.CharField(_("企业名称"), max_length=200)
    project_name = models.CharField(_("项目名称"), max_length=200)
    region = models.CharField(_("所在地区"), max_length=128, blank=True)
    track = models.CharField(_("认定/培育"), max_length=16, choices=Track.choices)
    issued_at = models.DateTimeField(_("编号时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("认定证书")
        verbose_name_plural = _("认定证书")
        ordering = ["publication_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["series", "tier", "sequence"], name="certificate_sequence_per_tier"),
        ]

    def __str__(self) -> str:
        return self.number
