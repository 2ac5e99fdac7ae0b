"""Tokens for integrators: another system calls the API as one named user.

A token acts with exactly the permissions of its user (``smartmfg.access`` decides,
as for pages). Only a hash of the key is stored: the key itself is shown once,
when ``smartmfg api-token create`` issues it.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Final

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX: Final = "smf_"


def digest(key: str) -> str:
    # The key is 256 random bits: a plain hash is enough to make the stored value useless to a reader.
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return PREFIX + secrets.token_urlsafe(32)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("代表的用户"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("用途"), max_length=100)
    hint = models.CharField(_("令牌开头"), max_length=12, help_text=_("便于辨认，不足以使用"))
    key_digest = models.CharField(_("令牌摘要"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("签发时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.hint}… {self.name}"

    @property
    def is_valid(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
