"""Enterprises and the records about them that eligibility reads.

Records (credit checks, unlawful acts, major incidents, revocations) are
append-only: a correction is a new record, so what the platform knew on a
given day can always be told.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartmfg.enterprises.industries import DIVISIONS, SECTIONS, division_choices
from smartmfg.lib.choices import bilingual_choices
from smartmfg.lib.fields import MoneyField, UsccField
from smartmfg.lib.validators import validate_division
from smartmfg.rules import facts


class ManufacturingType(models.TextChoices):
    DISCRETE = "discrete", _("离散型制造")
    PROCESS = "process", _("流程型制造")


class Enterprise(models.Model):
    name = models.CharField(_("企业名称"), max_length=128)
    uscc = UsccField(unique=True, help_text=_("18位，GB 32100-2015"))
    legal_status = models.CharField(_("法人类型"), max_length=16, choices=bilingual_choices(facts.LEGAL_STATUS_LABELS))
    pays_tax_in_province = models.BooleanField(_("在吉林省依法纳税"), default=True)
    registered_division = models.CharField(
        _("注册地行政区划"), max_length=6, validators=[validate_division], help_text=_("GB/T 2260 六位代码")
    )
    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        verbose_name=_("属地工信部门"),
        on_delete=models.PROTECT,
        related_name="enterprises",
    )
    # Both are empty for an enterprise created by an import (the import format does not carry
    # them) until the enterprise completes its profile, whose form requires them.
    industry = models.CharField(_("所属行业（GB/T 4754-2017 大类）"), max_length=2, choices=division_choices())
    manufacturing_type = models.CharField(_("制造类型"), max_length=16, choices=ManufacturingType.choices)
    address = models.CharField(_("通讯地址"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def industry_section(self) -> str:
        if self.industry not in DIVISIONS:
            return ""
        section = DIVISIONS[self.industry][0]
        return f"{section} {SECTIONS[section]}"


class Contact(models.Model):
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("企业"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("姓名"), max_length=64)
    title = models.CharField(_("职务"), max_length=64, blank=True)
    phone = models.CharField(_("电话"), max_length=32)
    email = models.EmailField(_("电子邮箱"), blank=True)
    is_primary = models.BooleanField(_("主要联系人"), default=False)

    class Meta:
        verbose_name = _("联系人")
        verbose_name_plural = _("联系人")
        ordering = ["-is_primary", "id"]

    def __str__(self) -> str:
        return self.name


class Record(models.Model):
    """What every record about an enterprise shares: who recorded it and when."""

    enterprise = models.ForeignKey(Enterprise, verbose_name=_("企业"), on_delete=models.PROTECT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    source = models.CharField(_("来源"), max_length=255, blank=True)

    class Meta:
        abstract = True


class CreditCheck(Record):
    rating = models.CharField(_("信用核查结果"), max_length=16, choices=bilingual_choices(facts.CREDIT_RATING_LABELS))
    on_abnormal_list = models.BooleanField(_("列入经营异常名录"), default=False)
    on_serious_dishonesty_list = models.BooleanField(_("列入严重失信主体名单"), default=False)
    checked_on = models.DateField(_("核查日期"))

    class Meta:
        verbose_name = _("信用核查")
        verbose_name_plural = _("信用核查")
        ordering = ["-checked_on", "-id"]
        default_related_name = "credit_checks"

    def __str__(self) -> str:
        return f"{self.enterprise} {self.checked_on} {self.get_rating_display()}"


class Violation(Record):
    occurred_on = models.DateField(_("发生日期"))
    description = models.TextField(_("违法行为"))

    class Meta:
        verbose_name = _("违法行为记录")
        verbose_name_plural = _("违法行为记录")
        ordering = ["-occurred_on", "-id"]
        default_related_name = "violations"

    def __str__(self) -> str:
        return f"{self.enterprise} {self.occurred_on}"


class MajorIncident(Record):
    occurred_on = models.DateField(_("发生日期"))
    kind = models.CharField(_("类别"), max_length=16, choices=bilingual_choices(facts.INCIDENT_KIND_LABELS))
    description = models.TextField(_("情况说明"))

    class Meta:
        verbose_name = _("重大问题记录")
        verbose_name_plural = _("重大问题记录")
        ordering = ["-occurred_on", "-id"]
        default_related_name = "major_incidents"

    def __str__(self) -> str:
        return f"{self.enterprise} {self.occurred_on} {self.get_kind_display()}"


class Revocation(Record):
    """第十二条: a recognition revoked for fraud; it bans the enterprise for three years."""

    application = models.OneToOneField(
        "applications.Application",
        verbose_name=_("被撤销的认定"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revocation",
    )
    revoked_on = models.DateField(_("撤销日期"))
    reason = models.TextField(_("撤销原因"))
    document_number = models.CharField(_("撤销文号"), max_length=64, blank=True)
    subsidy_to_recover = MoneyField(_("应收回奖补资金（元）"), default=Decimal("0.00"))

    class Meta:
        verbose_name = _("撤销认定记录")
        verbose_name_plural = _("撤销认定记录")
        ordering = ["-revoked_on", "-id"]
        default_related_name = "revocations"

    def __str__(self) -> str:
        return f"{self.enterprise} {self.revoked_on}"


class SubsidyRecovery(models.Model):
    revocation = models.ForeignKey(
        Revocation, verbose_name=_("撤销认定记录"), on_delete=models.PROTECT, related_name="recoveries"
    )
    recovered_on = models.DateField(_("收回日期"))
    amount = MoneyField(_("收回金额（元）"))
    note = models.CharField(_("说明"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("奖补资金收回记录")
        verbose_name_plural = _("奖补资金收回记录")
        ordering = ["recovered_on", "id"]

    def __str__(self) -> str:
        return f"{self.revocation} {self.amount}"
