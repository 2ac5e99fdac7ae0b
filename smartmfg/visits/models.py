"""On-site spot checks made and reported by experts (现场抽查, 第九条).

Which applications get a visit: a share of the call's review list drawn
verifiably (``SpotDraw``: the list frozen and its digest shown before the
seed exists, the same sampler as the expert draw), plus the applications the
Department picks with a written reason (``SpotSelection`` keeps the source
and the reason of each). Each ``Visit`` is the expert side of one
``evaluations.SpotCheck`` (one-to-one): 2 or 3 unconflicted experts
(``VisitMember``), a date, and a checklist (``ChecklistItem``) generated from
the application, filled as a draft until the first signature; the last
signature reports it (the workflow step ``report_visit``). Nothing is
overwritten: a removed photo keeps its row, a signature its time.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartmfg.applications.states import Status
from smartmfg.experts.models import SeededDraw

# The review list a spot check is drawn from and picked in (第九条).
REVIEW_STATES = (Status.EXPERT_REVIEW, Status.EXPERT_RECOMMENDED)


class SpotDrawStatus(models.TextChoices):
    DRAFT = "draft", _("设置中")
    FROZEN = "frozen", _("已固定抽查名单")
    DRAWN = "drawn", _("已抽取")


class SpotDraw(SeededDraw):
    """随机抽取抽查对象: a share of the call's review list, drawn from its frozen numbers and a seed.

    The algorithm is ``rules.experts.spot_sample``: ``numbers`` (application
    reference numbers) and ``share_percent`` are fixed at the freeze, their
    digest shown before the seed exists (RFC 3797).
    """

    call = models.OneToOneField(
        "calls.Call", verbose_name=_("申报批次"), on_delete=models.PROTECT, related_name="spot_draw"
    )
    status = models.CharField(_("状态"), max_length=16, choices=SpotDrawStatus.choices, default=SpotDrawStatus.DRAFT)
    share_percent = models.PositiveSmallIntegerField(_("抽查比例（%）"), null=True, blank=True)
    numbers = models.JSONField(_("评审名单（申报编号）"), default=list, blank=True)
    inputs_sha256 = models.CharField(_("抽查名单摘要"), max_length=64, blank=True)
    sampled = models.JSONField(_("抽中的申报编号"), default=list, blank=True)

    class Meta:
        verbose_name = _("现场抽查对象抽取")
        verbose_name_plural = _("现场抽查对象抽取")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.call} {self.get_status_display()}"


class SelectionSource(models.TextChoices):
    SAMPLED = "sampled", _("随机抽中")
    PICKED = "picked", _("省工信厅选定")


class SpotSelection(models.Model):
    """An application chosen for a visit, and why: drawn by the sampler, or picked with a reason."""

    application = models.ForeignKey(
        "applications.Application", verbose_name=_("申报"), on_delete=models.PROTECT, related_name="spot_selections"
    )
    source = models.CharField(_("来源"), max_length=16, choices=SelectionSource.choices)
    spot_draw = models.ForeignKey(
        SpotDraw, verbose_name=_("抽取"), null=True, blank=True, on_delete=models.PROTECT, related_name="selections"
    )
    reason = models.TextField(_("选定理由"), blank=True, help_text=_("省工信厅选定时必填，如评分异常、材料存疑"))
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("办理人"), on_delete=models.PROTECT, related_name="+"
    )
    selected_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("现场抽查对象")
        verbose_name_plural = _("现场抽查对象")
        ordering = ["selected_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "source"], name="one_selection_per_source"),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.get_source_display()}"


class VisitStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("待抽查")
    SIGNING = "signing", _("签署中")
    REPORTED = "reported", _("已报告")


class Visit(models.Model):
    """The experts' visit behind one spot check: its members, date, checklist and signed report."""

    spot_check = models.OneToOneField(
        "evaluations.SpotCheck", verbose_name=_("现场抽查"), on_delete=models.PROTECT, related_name="visit"
    )
    application = models.ForeignKey(
        "applications.Application", verbose_name=_("申报"), on_delete=models.PROTECT, related_name="visits"
    )
    visit_on = models.DateField(_("抽查日期"))
    status = models.CharField(_("状态"), max_length=16, choices=VisitStatus.choices, default=VisitStatus.SCHEDULED)
    # Each saved change of the draft bumps it: a member signs only what their page showed.
    revision = models.PositiveIntegerField(_("版本"), default=1)
    passed = models.BooleanField(_("抽查结果"), null=True, blank=True, help_text=_("是：与申报材料相符"))
    findings = models.TextField(_("抽查发现"), blank=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("安排人"), on_delete=models.PROTECT, related_name="+"
    )
    scheduled_at = models.DateTimeField(_("安排时间"), auto_now_add=True)
    reported_at = models.DateTimeField(_("报告时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("专家现场抽查")
        verbose_name_plural = _("专家现场抽查")
        ordering = ["visit_on", "id"]

    def __str__(self) -> str:
        return f"{self.application} {self.visit_on}"

    @property
    def is_reported(self) -> bool:
        return self.status == VisitStatus.REPORTED


class VisitMember(models.Model):
    """One expert of a visit; ``signed_at`` is their signature of the report."""

    visit = models.ForeignKey(Visit, verbose_name=_("现场抽查"), on_delete=models.PROTECT, related_name="members")
    expert = models.ForeignKey(
        "experts.Expert", verbose_name=_("专家"), on_delete=models.PROTECT, related_name="visit_memberships"
    )
    signed_at = models.DateTimeField(_("签署时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("抽查专家")
        verbose_name_plural = _("抽查专家")
        ordering = ["visit", "id"]
        constraints = [models.UniqueConstraint(fields=["visit", "expert"], name="one_membership_per_expert")]

    def __str__(self) -> str:
        return f"{self.visit} / {self.expert}"


class ItemKind(models.TextChoices):
    INVESTMENT = "investment", _("设备和软件")
    WORKSHOP = "workshop", _("车间（生产线）投产")
    PROJECT = "project", _("项目建成投产")
    SCENARIO = "scenario", _("典型场景")
    SELF_ASSESSMENT = "self_assessment", _("自评估报告")


class ItemResult(models.TextChoices):
    NOT_CHECKED = "not_checked", _("未核查")
    MATCHES = "matches", _("相符")
    MISMATCH = "mismatch", _("不相符")


class ChecklistItem(models.Model):
    """One thing the experts check on site, as the application claims it, with what they found."""

    visit = models.ForeignKey(Visit, verbose_name=_("现场抽查"), on_delete=models.PROTECT, related_name="items")
    position = models.PositiveSmallIntegerField(_("序号"))
    kind = models.CharField(_("类别"), max_length=16, choices=ItemKind.choices)
    subject = models.CharField(_("核查事项"), max_length=255)
    claimed = models.TextField(_("申报材料所述"), blank=True)
    result = models.CharField(_("核查结果"), max_length=16, choices=ItemResult.choices, default=ItemResult.NOT_CHECKED)
    note = models.TextField(_("说明"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填写人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("填写时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("抽查事项")
        verbose_name_plural = _("抽查事项")
        ordering = ["visit", "position"]
        constraints = [models.UniqueConstraint(fields=["visit", "position"], name="one_item_per_position")]

    def __str__(self) -> str:
        return f"{self.position}. {self.subject}"


def photo_path(instance: VisitPhoto, filename: str) -> str:
    # Never the uploader's name on disk: it may carry path tricks or personal data.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"visits/{instance.item.visit_id}/{uuid.uuid4().hex}{suffix}"


class VisitPhoto(models.Model):
    """A photo taken on site for one checklist item (an image, checked by its content)."""

    item = models.ForeignKey(ChecklistItem, verbose_name=_("抽查事项"), on_delete=models.PROTECT, related_name="photos")
    file = models.FileField(_("文件"), upload_to=photo_path, max_length=255)
    original_name = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=128)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    removed_at = models.DateTimeField(_("移除时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("现场照片")
        verbose_name_plural = _("现场照片")
        ordering = ["item", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
