"""The local bureaus' documents: the recommendation letter (Art. 8)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SENT = "sent", _("已报送")


class RecommendationLetter(models.Model):
    """推荐函: a bureau's official letter listing the applications it recommends (Art. 8)."""

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
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("报送人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("报送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("推荐函")
        verbose_name_plural = _("推荐函")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.document_number
