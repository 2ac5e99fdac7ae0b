"""Who may see and record the support of 第十一条."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from smartmfg.access.applications import visible_applications
from smartmfg.access.core import ALLOW, AnyUser, Decision, deny, get_or_404
from smartmfg.accounts.identity import roles_held
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application
from smartmfg.applications.states import Status
from smartmfg.support.models import SupportGrant


def can_manage_support(user: AnyUser, application: Application) -> Decision:
    """第十一条: the Department grants and pays support to a recognised application, and only while it stands."""
    if Role.DEPARTMENT not in roles_held(user):
        return deny(_("只有省工信厅可以录入奖补资金"))
    if application.status != Status.RECOGNISED:
        return deny(
            _("只有已认定的项目可以获得奖补资金（当前：%(status)s）") % {"status": application.get_status_display()}
        )
    return ALLOW


def visible_support_grants(user: AnyUser) -> QuerySet[SupportGrant]:
    """The grants of the applications the user may open: its own for an enterprise, its area's for a bureau."""
    return SupportGrant.objects.filter(application__in=visible_applications(user))


def get_support_grant_for_user(user: AnyUser, pk: int) -> SupportGrant:
    return get_or_404(visible_support_grants(user).select_related("application"), pk)
