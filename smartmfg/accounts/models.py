"""Users of the platform and their roles (see ``roles.py``)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smartmfg.accounts.roles import Role, roles_of

# At most one working role, except Department staff who may also administer.
_ENTERPRISE = Q(enterprise__isnull=False)
_BUREAU = Q(jurisdiction__isnull=False)
_DEPARTMENT = Q(is_department=True)
_EXPERT = Q(is_expert=True)
_ADMIN = Q(is_staff=True)


class User(AbstractUser):
    name = models.CharField(_("姓名"), max_length=64, blank=True)
    phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("所属企业"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("企业用户：只能办理本企业的申报"),
    )
    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        verbose_name=_("所属工信部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewers",
        help_text=_("属地审核人员：办理本部门及下级部门辖区内的申报"),
    )
    is_department = models.BooleanField(_("省工信厅工作人员"), default=False)
    is_expert = models.BooleanField(_("评审专家"), default=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.CheckConstraint(
                condition=~(_ENTERPRISE & (_BUREAU | _DEPARTMENT | _EXPERT | _ADMIN)),
                name="enterprise_user_has_no_other_role",
            ),
            models.CheckConstraint(
                condition=~(_BUREAU & (_DEPARTMENT | _EXPERT | _ADMIN)),
                name="bureau_user_has_no_other_role",
            ),
            models.CheckConstraint(
                condition=~(_EXPERT & (_DEPARTMENT | _ADMIN)),
                name="expert_has_no_other_role",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.username

    @property
    def roles(self) -> list[Role]:
        return roles_of(self)

    @property
    def display_name(self) -> str:
        return self.name or self.username
