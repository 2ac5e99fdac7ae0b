"""The tree of authorities: the Department, prefecture and county bureaus.

Each node keeps a materialised ``path`` (``220000/220100/220102/``) so a
bureau's whole subtree is one indexed ``startswith`` filter.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("省级")
    PREFECTURE = "prefecture", _("市（州）级")
    COUNTY = "county", _("县（市、区）级")


class JurisdictionQuerySet(models.QuerySet["Jurisdiction"]):
    def subtree(self, root: Jurisdiction) -> JurisdictionQuerySet:
        return self.filter(path__startswith=root.path)


class Jurisdiction(models.Model):
    key = models.SlugField(_("标识"), max_length=32, unique=True, help_text=_("行政区划代码，无代码的用拼音"))
    code = models.CharField(
        _("行政区划代码"), max_length=6, unique=True, null=True, blank=True, help_text=_("GB/T 2260")
    )
    area = models.CharField(_("地区"), max_length=64)
    name = models.CharField(_("部门名称"), max_length=128)
    level = models.CharField(_("级别"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    reports_directly = models.BooleanField(
        _("直接报送省工信厅"),
        default=True,
        help_text=_("否：初审通过的申报先报上级工信部门，由其汇总后报省工信厅"),
    )
    path = models.CharField(_("路径"), max_length=255, editable=False, db_index=True)
    is_active = models.BooleanField(_("启用"), default=True)

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        verbose_name = _("属地工信部门")
        verbose_name_plural = _("属地工信部门")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        parent_path = self.parent.path if self.parent else ""
        self.path = f"{parent_path}{self.key}/"
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_department(self) -> bool:
        return self.parent_id is None

    def contains(self, other: Jurisdiction) -> bool:
        """True when ``other`` is this node or below it."""
        return other.path.startswith(self.path)

    def recommendation_target(self) -> Jurisdiction:
        """Where this bureau's recommendation letter goes: its parent, or the Department (the root)."""
        if self.parent is None:
            return self
        if self.reports_directly or self.parent.is_department:
            return Jurisdiction.objects.get(parent__isnull=True)
        return self.parent
