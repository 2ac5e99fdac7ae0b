"""Public notice (公示), objections (异议) and publication (发文公布), 第十条."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicNotice(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("公示中")
        ENDED = "ended", _("公示结束")

    call = models.ForeignKey("calls.Call", verbose_name=_("申报批次"), on_delete=models.PROTECT, related_name="notices")
    title = models.CharField(_("公示标题"), max_length=200)
    body = models.TextField(_("公示说明"), blank=True)
    starts_on = models.DateField(_("公示开始日期"))
    ends_on = models.DateField(_("公示截止日期"))
    contact = models.CharField(_("异议受理联系方式"), max_length=255)
    applications = models.ManyToManyField(
        "applications.Application", verbose_name=_("公示名单"), related_name="notices"
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.OPEN)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(_("发布时间"), auto_now_add=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("结束人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("公示")
        verbose_name_plural = _("公示")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="notice_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Objection(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("待处理")
        UPHELD = "upheld", _("异议成立")
        DISMISSED = "dismissed", _("异议不成立")

    notice = models.ForeignKey(
        PublicNotice, verbose_name=_("公示"), on_delete=models.PROTECT, related_name="objections"
    )
    application = models.ForeignKey(
        "applications.Application", verbose_name=_("被异议的申报"), on_delete=models.PROTECT, related_name="objections"
    )
    received_on = models.DateField(_("收到日期"))
    objector = models.CharField(_("异议人"), max_length=128, help_text=_("单位或个人名称；可匿名"), blank=True)
    objector_contact = models.CharField(_("异议人联系方式"), max_length=128, blank=True)
    content = models.TextField(_("异议内容"))
    status = models.CharField(_("处理结果"), max_length=16, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField(_("处理意见"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("异议")
        verbose_name_plural = _("异议")
        ordering = ["received_on", "id"]

    def __str__(self) -> str:
        return f"{self.application} {self.received_on}"


class Publication(models.Model):
    """发文公布: the final list of a call, by official document."""

    call = models.ForeignKey(
        "calls.Call", verbose_name=_("申报批次"), on_delete=models.PROTECT, related_name="publications"
    )
    document_number = models.CharField(_("文号"), max_length=64, unique=True)
    title = models.CharField(_("标题"), max_length=200)
    published_on = models.DateField(_("发文日期"))
    body = models.TextField(_("正文"), blank=True)
    applications = models.ManyToManyField(
        "applications.Application", verbose_name=_("公布名单"), related_name="publications"
    )
    # The list exactly as issued (enterprise, tier, project, region, outcome), so a later
    # change of an enterprise's name never rewrites a published document.
    entries = models.JSONField(_("公布名单内容"), default=list, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("发布时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("认定名单公布")
        verbose_name_plural = _("认定名单公布")
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title
