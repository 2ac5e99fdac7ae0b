"""Public notice (公示), objections (异议) and publication (发文公布), 第十条."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartmfg.lib.fields import UsccField


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

    @property
    def closes_at(self) -> dt.datetime:
        """The notice takes objections until the end of its last day (24:00 on the platform's clock, Asia/Shanghai)."""
        return dt.datetime.combine(
            self.ends_on + dt.timedelta(days=1), dt.time(0), tzinfo=timezone.get_default_timezone()
        )

    @property
    def opens_at(self) -> dt.datetime:
        return dt.datetime.combine(self.starts_on, dt.time(0), tzinfo=timezone.get_default_timezone())

    def is_open_at(self, moment: dt.datetime) -> bool:
        """Objections are taken from the first day's start to the last day's end, to the minute."""
        return self.status == self.Status.OPEN and self.opens_at <= moment < self.closes_at


class Objection(models.Model):
    """An objection (异议) to one entry of a public notice (第十条), as filed: never edited afterwards.

    Filed online by the public (``channel`` online, with a receipt number and a
    private link whose token is stored hashed) or entered by the Department from a
    letter, a call or a visit. The objector's identity and contact details are
    the Department's to read only (domain.md §8). The decision, the reply to the
    objector and the enterprise's answers (``ObjectionQuestion``) are each
    written once, by their own action.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("待处理")
        UPHELD = "upheld", _("异议成立")
        DISMISSED = "dismissed", _("异议不成立")

    class Channel(models.TextChoices):
        ONLINE = "online", _("网上提交")
        LETTER = "letter", _("来信")
        PHONE = "phone", _("来电")
        VISIT = "visit", _("来访")

    class ObjectorKind(models.TextChoices):
        PERSON = "person", _("个人")
        ORGANISATION = "organisation", _("单位")

    notice = models.ForeignKey(
        PublicNotice, verbose_name=_("公示"), on_delete=models.PROTECT, related_name="objections"
    )
    application = models.ForeignKey(
        "applications.Application", verbose_name=_("被异议的申报"), on_delete=models.PROTECT, related_name="objections"
    )
    # 回执号 YY-2026-000123, sequential per year (``lib.actions.next_number``); blank on rows older than it.
    receipt_number = models.CharField(_("回执号"), max_length=20, blank=True)
    channel = models.CharField(_("受理渠道"), max_length=8, choices=Channel.choices, default=Channel.LETTER)
    received_on = models.DateField(_("收到日期"))
    objector = models.CharField(_("异议人"), max_length=128, help_text=_("单位或个人名称；可匿名"), blank=True)
    objector_kind = models.CharField(_("异议人类型"), max_length=16, choices=ObjectorKind.choices, blank=True)
    organisation = models.CharField(_("单位名称"), max_length=128, blank=True)
    organisation_uscc = UsccField(verbose_name=_("单位统一社会信用代码"), blank=True)
    objector_contact = models.CharField(_("异议人联系方式"), max_length=128, blank=True)
    phone = models.CharField(_("手机号码"), max_length=11, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    content = models.TextField(_("异议内容"))
    # SHA-256 of the private link's token (``notices.links``): the link itself is never stored.
    token_hash = models.CharField(_("专用链接摘要"), max_length=64, blank=True, editable=False)
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
    reply = models.TextField(_("答复异议人"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("异议")
        verbose_name_plural = _("异议")
        ordering = ["received_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["receipt_number"], condition=~models.Q(receipt_number=""), name="objection_receipt_unique"
            ),
            models.UniqueConstraint(
                fields=["token_hash"], condition=~models.Q(token_hash=""), name="objection_token_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_number or f"{self.application} {self.received_on}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def masked_phone(self) -> str:
        """138****0000: what the objector's own page shows of the number."""
        return f"{self.phone[:3]}****{self.phone[-4:]}" if len(self.phone) == 11 else ""


class ObjectionDraft(models.Model):
    """An online objection between the form and its confirmation (check your answers).

    The answers and the evidence files wait here, reached by the token in the
    page's address (stored hashed), until the objector confirms; then the
    objection is filed and the draft keeps nothing but the link to it. Drafts
    never confirmed expire (``OBJECTION_DRAFT_HOURS``) and are purged.
    """

    notice = models.ForeignKey(PublicNotice, verbose_name=_("公示"), on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        "applications.Application", verbose_name=_("被异议的申报"), on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(_("链接摘要"), max_length=64, unique=True)
    answers = models.JSONField(_("填写内容"), default=dict, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, db_index=True)
    filed = models.OneToOneField(
        Objection, verbose_name=_("已提交的异议"), null=True, blank=True, on_delete=models.PROTECT, related_name="draft"
    )

    class Meta:
        verbose_name = _("异议草稿")
        verbose_name_plural = _("异议草稿")

    def __str__(self) -> str:
        return f"{self.application_id} {self.created_at:%Y-%m-%d %H:%M}"


def objection_file_path(instance: ObjectionFile, filename: str) -> str:
    # Never the uploader's name on disk: it may carry path tricks or personal data.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"objections/{uuid.uuid4().hex}{suffix}"


class ObjectionFile(models.Model):
    """An evidence file of an objection (PDF or image), the Department's to read only.

    Uploaded with the online form (first on the draft, then the objection's) or a
    scan of a letter the Department entered.
    """

    objection = models.ForeignKey(
        Objection, verbose_name=_("异议"), null=True, blank=True, on_delete=models.PROTECT, related_name="files"
    )
    draft = models.ForeignKey(
        ObjectionDraft,
        verbose_name=_("异议草稿"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="files",
    )
    file = models.FileField(_("文件"), upload_to=objection_file_path, max_length=255)
    original_name = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=128)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("异议证明材料")
        verbose_name_plural = _("异议证明材料")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class ObjectionQuestion(models.Model):
    """The Department asks the enterprise to explain itself on an objection (请企业说明); it answers once.

    The enterprise reads the question, never the objection's content or the
    objector: the Department words what it asks. The answer's files are the
    step's attachments (``answer_event``), on the application like any step's.
    """

    objection = models.ForeignKey(Objection, verbose_name=_("异议"), on_delete=models.PROTECT, related_name="questions")
    question = models.TextField(_("请企业说明的问题"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提问人"), on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(_("提问时间"), auto_now_add=True)
    answer = models.TextField(_("企业说明"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("说明人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("说明时间"), null=True, blank=True)
    answer_event = models.OneToOneField(
        "applications.ApplicationEvent",
        verbose_name=_("说明的办理记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("请企业说明")
        verbose_name_plural = _("请企业说明")
        ordering = ["asked_at", "id"]

    def __str__(self) -> str:
        return f"{self.objection} {self.asked_at:%Y-%m-%d}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


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
