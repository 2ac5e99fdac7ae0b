"""Who may see an enterprise, edit its profile, and record facts about it."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from smartmfg.access.core import ALLOW, AnyUser, Decision, deny, get_or_404
from smartmfg.accounts.identity import bureau_of, enterprise_id_of, roles_held
from smartmfg.accounts.roles import Role
from smartmfg.enterprises.models import Enterprise


def visible_enterprises(user: AnyUser) -> QuerySet[Enterprise]:
    query = Q(pk__in=[])
    if (enterprise_id := enterprise_id_of(user)) is not None:
        query |= Q(pk=enterprise_id)
    if (bureau := bureau_of(user)) is not None:
        query |= Q(jurisdiction__path__startswith=bureau.path)
    if Role.DEPARTMENT in roles_held(user):
        query = Q()
    return Enterprise.objects.filter(query)


def get_enterprise_for_user(user: AnyUser, pk: int) -> Enterprise:
    return get_or_404(visible_enterprises(user).select_related("jurisdiction"), pk)


def can_edit_enterprise(user: AnyUser, enterprise: Enterprise) -> Decision:
    if enterprise_id_of(user) == enterprise.pk:
        return ALLOW
    return deny(_("只有企业本身可以修改企业信息"))


def can_record_about_enterprise(user: AnyUser, enterprise: Enterprise) -> Decision:
    """Credit checks, unlawful acts and incidents are recorded by the authorities."""
    if Role.DEPARTMENT in roles_held(user):
        return ALLOW
    bureau = bureau_of(user)
    if bureau is not None and bureau.contains(enterprise.jurisdiction):
        return ALLOW
    return deny(_("只有属地工信部门和省工信厅可以录入信用核查等记录"))
