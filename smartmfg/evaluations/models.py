"""The Department's stages of 第九条 and 10: expert evaluation, spot checks, deliberation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExpertConclusion(models.Model):
    """The expert panel's score and conclusion for one application (专家推荐结论, 第九条)."""

    application = models.ForeignKey(
        "applications.Application", verbose_name=_("申报"), on_delete=models.PROTECT, related_name="expert_conclusions"
    )
    score = models.DecimalField(_("评审得分"), max_digits=5, decimal_places=2)
    recommended = models.BooleanField(_("推荐认定"))
    summary = models.TextField(_("评审意见"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    event = models.ForeignKey(
        "applications.ApplicationEvent",
        verbose_name=_("办理记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("录入结论的办理环节，专家签字的评审结论文件附在其上"),
    )

    class Meta:
        verbose_name = _("专家评审结论")
        verbose_name_plural = _("专家评审结论")
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.application} {self.score}"


class SpotCheck(models.Model):
    """An on-site spot check (现场抽查, 第九条): ordered, then its findings recorded."""

    application = models.ForeignKey(
        "applications.Application", verbose_name=_("申报"), on_delete=models.PROTECT, related_name="spot_checks"
    )
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("安排人"), on_delete=models.PROTECT, related_name="+"
    )
    ordered_at = models.DateTimeField(_("安排时间"), auto_now_add=True)
    purpose = models.TextField(_("抽查事项"))
    visited_on = models.DateField(_("抽查日期"), null=True, blank=True)
    inspectors = models.CharField(_("抽查人员"), max_length=255, blank=True)
    findings = models.TextField(_("抽查情况"), blank=True)
    passed = models.BooleanField(_("抽查结果"), null=True, blank=True, help_text=_("是：与申报材料相符"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("录入时间"), null=True, blank=True)
    event = models.ForeignKey(
        "applications.ApplicationEvent",
        verbose_name=_("办理记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("录入抽查结果的办理环节，抽查报告附在其上"),
    )

    class Meta:
        verbose_name = _("现场抽查")
        verbose_name_plural = _("现场抽查")
        ordering = ["-ordered_at", "-id"]

    def __str__(self) -> str:
        return f"{self.application} {self.ordered_at:%Y-%m-%d}"

    @property
    def is_pending(self) -> bool:
        return self.passed is None


class Deliberation(models.Model):
    """审议 (第十条): the Department's decision on the experts' recommended list of a call."""

    call = models.ForeignKey(
        "calls.Call", verbose_name=_("申报批次"), on_delete=models.PROTECT, related_name="deliberations"
    )
    held_on = models.DateField(_("审议日期"))
    meeting = models.CharField(_("会议名称"), max_length=200)
    minutes = models.TextField(_("审议意见"), blank=True)
    approved = models.ManyToManyField("applications.Application", verbose_name=_("审议通过"), related_name="+")
    rejected = models.ManyToManyField("applications.Application", verbose_name=_("审议不通过"), related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("审议")
        verbose_name_plural = _("审议")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.meeting


class CultivationReminder(models.Model):
    """A reminder sent to the enterprise that its cultivation project's deadline approaches (第五条至第七条第1款).

    One per application, deadline and number of days before it: a daily run
    sends each reminder once.
    """

    application = models.ForeignKey(
        "applications.Application", verbose_name=_("培育项目"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("建成投产期限"))
    days_before = models.PositiveSmallIntegerField(_("提前天数"))
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("培育期限提醒")
        verbose_name_plural = _("培育期限提醒")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "deadline", "days_before"], name="one_reminder_each"),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.deadline} -{self.days_before}"
