"""The local bureaus' documents: the recommendation letter (第八条).

A bureau reports the applications it passed to the Department (行文报省工信厅),
or to its parent bureau when it does not report directly, by one official
letter listing them. A letter is drafted, may be edited or voided while a
draft, and is sent once: sending takes the workflow step of every listed
application and freezes the letter with its Word and PDF documents.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LetterStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SENT = "sent", _("已报送")
    CANCELLED = "cancelled", _("已作废")


class RecommendationLetter(models.Model):
    """推荐函: a bureau's official letter listing the applications it recommends (第八条)."""

    call = models.ForeignKey("calls.Call", verbose_name=_("申报批次"), on_delete=models.PROTECT, related_name="letters")
    sender = models.ForeignKey(
        "jurisdictions.Jurisdiction", verbose_name=_("报送部门"), on_delete=models.PROTECT, related_name="letters_sent"
    )
    recipient = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        verbose_name=_("接收部门"),
        on_delete=models.PROTECT,
        related_name="letters_received",
    )
    document_number = models.CharField(_("文号"), max_length=64, unique=True)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"), blank=True)
    applications = models.ManyToManyField(
        "applications.Application", verbose_name=_("推荐的申报"), related_name="letters"
    )
    status = models.CharField(_("状态"), max_length=16, choices=LetterStatus.choices, default=LetterStatus.DRAFT)
    docx = models.FileField(_("推荐函（Word）"), upload_to="letters/", blank=True)
    pdf = models.FileField(_("推荐函（PDF）"), upload_to="letters/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("拟稿人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("拟稿时间"), auto_now_add=True)
    # Each save of the draft bumps the revision: sending checks the officer saw the
    # latest one, and that no listed application changed after it.
    revision = models.PositiveIntegerField(_("修改次数"), default=1)
    revised_at = models.DateTimeField(_("最近修改时间"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("报送人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    events = models.ManyToManyField(
        "applications.ApplicationEvent",
        verbose_name=_("报送形成的办理记录"),
        blank=True,
        related_name="letters",
    )

    class Meta:
        verbose_name = _("推荐函")
        verbose_name_plural = _("推荐函")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.document_number

    @property
    def is_draft(self) -> bool:
        return self.status == LetterStatus.DRAFT

    @property
    def is_sent(self) -> bool:
        return self.status == LetterStatus.SENT

    @property
    def to_department(self) -> bool:
        """Sent straight to the Department (step ``recommend``), not to a parent bureau (``forward``)."""
        return self.recipient.parent_id is None
