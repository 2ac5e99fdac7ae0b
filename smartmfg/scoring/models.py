"""The experts' scoring (第九条): the call's scoring sheets, the review of a draw's panels, each
expert's scores, deadline extensions, reminders and the panel's conclusion.

Nothing here is ever overwritten once it counts: a sheet is frozen when the
review opens, a submitted score is locked, a proposal is superseded by a new
row (the latest one stands) and the Department's confirmation is the
workflow step ``confirm_expert_conclusion`` with its history event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartmfg.lib.choices import bilingual_choices
from smartmfg.rules import facts
from smartmfg.rules.experts.aggregate import RULE_LABELS
from smartmfg.rules.experts.scoring import Sheet


class ScoringSheet(models.Model):
    """评分表: one per call and tier, edited before the review opens and frozen when it opens."""

    call = models.ForeignKey(
        "calls.Call", verbose_name=_("申报批次"), on_delete=models.PROTECT, related_name="scoring_sheets"
    )
    tier = models.CharField(_("申报类别"), max_length=32, choices=bilingual_choices(facts.TIER_LABELS))
    content = models.JSONField(_("评分项"), help_text=_("rules.experts.scoring.Sheet 的 JSON 形式"))
    frozen_at = models.DateTimeField(_("锁定时间"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("评分表")
        verbose_name_plural = _("评分表")
        ordering = ["call", "tier"]
        constraints = [models.UniqueConstraint(fields=["call", "tier"], name="one_sheet_per_call_tier")]

    def __str__(self) -> str:
        return f"{self.call} {self.get_tier_display()}"

    @property
    def sheet(self) -> Sheet:
        return Sheet.from_json(self.content)


class ReviewRound(models.Model):
    """The scoring of one draw's panels: opened with a deadline, the rule of aggregation fixed then."""

    draw = models.OneToOneField(
        "experts.Draw", verbose_name=_("专家抽取"), on_delete=models.PROTECT, related_name="review_round"
    )
    due_at = models.DateTimeField(_("评分截止时间"))
    rule = models.CharField(_("汇总规则"), max_length=16, choices=bilingual_choices(RULE_LABELS))
    outlier_threshold = models.DecimalField(_("偏离提示阈值（分）"), max_digits=5, decimal_places=1)
    leader = models.ForeignKey(
        "experts.Expert",
        verbose_name=_("专家组组长"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("启动人"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("启动评分时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("专家评分")
        verbose_name_plural = _("专家评分")
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return str(self.draw)

    def due_for(self, expert: Any) -> dt.datetime:
        """The expert's deadline: the round's, or the latest extension granted to them."""
        extension = self.extensions.filter(expert=expert).order_by("-granted_at", "-id").first()
        return extension.due_at if extension else self.due_at


class Score(models.Model):
    """One expert's scoring of one application (a seat): a draft until submitted, then locked."""

    seat = models.OneToOneField(
        "experts.Seat", verbose_name=_("评审席位"), on_delete=models.PROTECT, related_name="score"
    )
    round = models.ForeignKey(ReviewRound, verbose_name=_("专家评分"), on_delete=models.PROTECT, related_name="scores")
    sheet = models.ForeignKey(ScoringSheet, verbose_name=_("评分表"), on_delete=models.PROTECT, related_name="+")
    points = models.JSONField(_("各项得分"), default=dict, help_text=_('{评分项: "7.5"}'))
    comments = models.JSONField(_("各项意见"), default=dict)
    vetoes = models.JSONField(_("一票否决项"), default=list)
    opinion = models.TextField(_("总体意见"), blank=True)
    technical_merit = models.BooleanField(
        _("技术水平判断"), null=True, blank=True, help_text=_("第五条至第七条第3款：是否达到相应的技术水平")
    )
    recommended = models.BooleanField(_("推荐意见"), null=True, blank=True)
    total = models.DecimalField(_("总分"), max_digits=5, decimal_places=1, null=True, blank=True)
    saved_at = models.DateTimeField(_("保存时间"), auto_now=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("专家评分表")
        verbose_name_plural = _("专家评分表")
        ordering = ["seat__application", "seat__expert__code"]

    def __str__(self) -> str:
        return str(self.seat)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Extension(models.Model):
    """The Department gives one expert more time; the latest extension of a round and expert stands."""

    round = models.ForeignKey(
        ReviewRound, verbose_name=_("专家评分"), on_delete=models.PROTECT, related_name="extensions"
    )
    expert = models.ForeignKey("experts.Expert", verbose_name=_("专家"), on_delete=models.PROTECT, related_name="+")
    due_at = models.DateTimeField(_("延至"))
    reason = models.CharField(_("理由"), max_length=255)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("办理人"), on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("办理时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("评分延期")
        verbose_name_plural = _("评分延期")
        ordering = ["-granted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.expert} → {self.due_at:%Y-%m-%d %H:%M}"


class Reminder(models.Model):
    """A reminder sent to an expert with unsubmitted scores, once per deadline and number of days before it."""

    round = models.ForeignKey(ReviewRound, verbose_name=_("专家评分"), on_delete=models.PROTECT, related_name="+")
    expert = models.ForeignKey("experts.Expert", verbose_name=_("专家"), on_delete=models.PROTECT, related_name="+")
    due_at = models.DateTimeField(_("评分截止时间"))
    days_before = models.PositiveSmallIntegerField(_("提前天数"))
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("评分提醒")
        verbose_name_plural = _("评分提醒")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "expert", "due_at", "days_before"], name="one_scoring_reminder"),
        ]

    def __str__(self) -> str:
        return f"{self.expert} -{self.days_before}"


class Conclusion(models.Model):
    """The panel leader's proposed conclusion for one application, confirmed by the Department.

    ``aggregate`` keeps the figures it was proposed on (every expert's code
    and total, the rule, the value), so each number traces to its expert.
    """

    round = models.ForeignKey(
        ReviewRound, verbose_name=_("专家评分"), on_delete=models.PROTECT, related_name="conclusions"
    )
    application = models.ForeignKey(
        "applications.Application", verbose_name=_("申报"), on_delete=models.PROTECT, related_name="+"
    )
    recommended = models.BooleanField(_("专家组意见"))
    opinion = models.TextField(_("专家组评审意见"))
    aggregate = models.JSONField(_("汇总"))
    proposed_by = models.ForeignKey(
        "experts.Expert", verbose_name=_("提出人"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    event = models.ForeignKey(
        "applications.ApplicationEvent",
        verbose_name=_("办理记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("专家组推荐结论")
        verbose_name_plural = _("专家组推荐结论")
        ordering = ["-proposed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.application} {self.aggregate.get('value')}"

    @property
    def value(self) -> Any:
        return self.aggregate.get("value")
