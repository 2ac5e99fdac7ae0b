"""An application (申报) and everything it carries.

The application row is the enterprise's working copy while it may edit it.
Each submission freezes a ``Submission`` snapshot, and every step of the
procedure appends an ``ApplicationEvent``; neither is ever updated, so the
history of an application can always be read as it happened.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartmfg.applications.states import EDITABLE, Status, Track
from smartmfg.lib.choices import bilingual_choices
from smartmfg.lib.fields import MoneyField
from smartmfg.lib.validators import validate_division
from smartmfg.rules import facts


class Application(models.Model):
    reference = models.CharField(_("申报编号"), max_length=32, unique=True)
    call = models.ForeignKey(
        "calls.Call", verbose_name=_("申报批次"), on_delete=models.PROTECT, related_name="applications"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("申报企业"), on_delete=models.PROTECT, related_name="applications"
    )
    tier = models.CharField(_("申报类别"), max_length=32, choices=bilingual_choices(facts.TIER_LABELS))
    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        verbose_name=_("属地工信部门"),
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("负责初审的属地工信部门"),
    )
    holder = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        verbose_name=_("当前办理部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="held_applications",
        help_text=_("经上级工信部门汇总报送时为上级部门；为空表示在企业或省工信厅"),
    )
    status = models.CharField(_("状态"), max_length=32, choices=Status.choices, default=Status.DRAFT, db_index=True)
    track = models.CharField(_("认定/培育"), max_length=16, choices=Track.choices, blank=True)

    # The project (第五条至第七条第1款).
    project_name = models.CharField(_("项目名称"), max_length=200, blank=True)
    project_division = models.CharField(
        _("项目建设地点（行政区划）"), max_length=6, blank=True, validators=[validate_division]
    )
    project_address = models.CharField(_("项目详细地址"), max_length=255, blank=True)
    project_summary = models.TextField(_("项目简介"), blank=True)
    construction_status = models.CharField(
        _("建设状态"), max_length=32, blank=True, choices=bilingual_choices(facts.PROJECT_STATUS_LABELS)
    )
    production_started_on = models.DateField(_("建成投产日期"), null=True, blank=True)
    expected_completion_on = models.DateField(_("预计建成投产日期"), null=True, blank=True)

    # Maturity self-assessment, GB/T 39116-2020 (第五条至第七条第2款 and §4).
    maturity_level = models.PositiveSmallIntegerField(
        _("智能制造能力成熟度等级"),
        null=True,
        blank=True,
        choices=bilingual_choices(facts.MATURITY_LEVEL_LABELS),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    maturity_score = models.DecimalField(_("自评估得分"), max_digits=5, decimal_places=2, null=True, blank=True)
    maturity_assessed_on = models.DateField(_("自评估日期"), null=True, blank=True)
    maturity_report_no = models.CharField(_("自评估报告编号"), max_length=64, blank=True)

    commitment_accepted_at = models.DateTimeField(_("承诺书确认时间"), null=True, blank=True)
    commitment_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承诺书确认人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    applied_on = models.DateField(_("申报日期"), null=True, blank=True, help_text=_("最近一次提交的日期"))
    submission_count = models.PositiveSmallIntegerField(_("提交次数"), default=0)

    # The verdict under the call's policy, kept for lists and filters; pages
    # judge afresh.
    verdict_eligible = models.BooleanField(_("符合认定条件"), null=True, blank=True, db_index=True)
    verdict_track = models.CharField(_("判定路径"), max_length=16, blank=True)
    verdict_results = models.JSONField(_("各项条件判定结果"), default=dict, blank=True)
    eligible_investment = MoneyField(_("计入的软硬件完成投资（元）"), default=Decimal("0.00"))

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("申报")
        verbose_name_plural = _("申报")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "enterprise", "tier"], name="one_application_per_tier_per_call"),
        ]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.project_name}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    def current_files(self) -> models.QuerySet[Attachment]:
        """The enterprise's files as its working copy holds them: its own (not a step's), not removed."""
        return self.attachments.filter(removed_at__isnull=True, event__isnull=True)


class InvestmentItem(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="investments")
    position = models.PositiveIntegerField(_("序号"))
    occurred_on = models.DateField(_("日期"))
    category = models.CharField(
        _("投资类别"), max_length=32, choices=bilingual_choices(facts.INVESTMENT_CATEGORY_LABELS)
    )
    amount = MoneyField(_("金额（元）"))
    status = models.CharField(_("完成情况"), max_length=16, choices=bilingual_choices(facts.INVESTMENT_STATUS_LABELS))
    invoice_no = models.CharField(_("发票号码"), max_length=64, blank=True)
    description = models.CharField(_("内容"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("投资明细")
        verbose_name_plural = _("投资明细")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.amount}"


class Workshop(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="workshops")
    position = models.PositiveIntegerField(_("序号"))
    name = models.CharField(_("车间（生产线）名称"), max_length=128)
    description = models.TextField(_("建设内容"), blank=True)

    class Meta:
        verbose_name = _("数字化车间")
        verbose_name_plural = _("数字化车间")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Scenario(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scenarios")
    position = models.PositiveIntegerField(_("序号"))
    area = models.CharField(_("场景领域"), max_length=32, choices=bilingual_choices(facts.SCENARIO_AREA_LABELS))
    title = models.CharField(_("场景名称"), max_length=128)
    description = models.TextField(_("建设内容"), blank=True)

    class Meta:
        verbose_name = _("典型场景")
        verbose_name_plural = _("典型场景")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class AttachmentKind(models.TextChoices):
    APPLICATION_FORM = "application_form", _("申报书")
    AUDIT_REPORT = "audit_report", _("投资专项审计报告")
    INVOICE_LIST = "invoice_list", _("发票清单")
    CREDIT_REPORT = "credit_report", _("企业信用报告")
    SELF_ASSESSMENT = "self_assessment_report", _("成熟度自评估报告")
    COMMITMENT_LETTER = "commitment_letter", _("承诺书")
    OTHER = "other", _("其他材料")
    # Files attached to a step of the procedure rather than by the enterprise.
    REVIEW_OPINION = "review_opinion", _("审核意见")
    EXPERT_CONCLUSION = "expert_conclusion", _("专家评审结论")
    SPOT_CHECK_REPORT = "spot_check_report", _("现场抽查报告")
    EVIDENCE = "evidence", _("证明材料")


def attachment_path(instance: Attachment, filename: str) -> str:
    # Never the uploader's name on disk: it may carry path tricks or personal data.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"attachments/{instance.application_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField(_("材料类别"), max_length=32, choices=AttachmentKind.choices)
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=128)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    event = models.ForeignKey(
        "applications.ApplicationEvent",
        verbose_name=_("所属办理环节"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    removed_at = models.DateTimeField(_("移除时间"), null=True, blank=True, help_text=_("移除的材料仍保留在历次提交中"))

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["kind", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Submission(models.Model):
    """The application exactly as it was submitted, once per submission."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="submissions")
    number = models.PositiveSmallIntegerField(_("第几次提交"))
    submitted_at = models.DateTimeField(_("提交时间"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提交人"), on_delete=models.PROTECT, related_name="+"
    )
    snapshot = models.JSONField(_("申报内容"))
    verdict = models.JSONField(_("提交时的条件判定"))

    class Meta:
        verbose_name = _("提交记录")
        verbose_name_plural = _("提交记录")
        ordering = ["application", "number"]
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="one_submission_number")]

    def __str__(self) -> str:
        return f"{self.application.reference} #{self.number}"

    @property
    def applied_on(self) -> dt.date:
        """The application date this submission was judged as of (an import's is the document's own)."""
        return dt.date.fromisoformat(self.snapshot["application"]["applied_on"])


class ApplicationEvent(models.Model):
    """One step taken on an application: who, in which role, when, from and to which state, why."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("办理事项"), max_length=48)
    from_status = models.CharField(_("原状态"), max_length=32, choices=Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=32, choices=Status.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("办理人"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("办理角色"), max_length=16)
    at = models.DateTimeField(_("办理时间"), auto_now_add=True)
    reason = models.TextField(_("意见或理由"), blank=True)
    data = models.JSONField(_("办理数据"), default=dict, blank=True)
    submission = models.ForeignKey(
        Submission, verbose_name=_("提交记录"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application.reference} {self.action}"


class Judgement(models.Model):
    """A person's judgement of a ``manual`` rule (operations_finance, technical_merit)."""

    class Result(models.TextChoices):
        PASS = "pass", _("符合")
        FAIL = "fail", _("不符合")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="judgements")
    rule = models.CharField(_("条件"), max_length=32)
    result = models.CharField(_("判断"), max_length=8, choices=Result.choices)
    note = models.TextField(_("说明"), blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("判断人"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("角色"), max_length=16)
    judged_at = models.DateTimeField(_("判断时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("人工判断")
        verbose_name_plural = _("人工判断")
        ordering = ["judged_at", "id"]

    def __str__(self) -> str:
        return f"{self.rule}: {self.result}"
