"""The Department's stages: deliberations, notices, objections, publications, revocations (第九条至第十二条)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from smartmfg.access.core import (
    ALLOW,
    AnyUser,
    Decision,
    M,
    deny,
    get_or_404,
)
from smartmfg.accounts.identity import roles_held
from smartmfg.accounts.roles import Role
from smartmfg.enterprises.models import Revocation
from smartmfg.evaluations.models import Deliberation
from smartmfg.notices.models import Objection, Publication, PublicNotice


def can_run_stages(user: AnyUser) -> Decision:
    """Re-review, expert stage, deliberation, notice, publication and revocation (第九条至第十二条)."""
    if Role.DEPARTMENT in roles_held(user):
        return ALLOW
    return deny(_("只有省工信厅可以办理复审、评审、审议、公示、公布和撤销认定"))


def _department_only(user: AnyUser, queryset: QuerySet[M]) -> QuerySet[M]:
    return queryset if Role.DEPARTMENT in roles_held(user) else queryset.none()


def visible_deliberations(user: AnyUser) -> QuerySet[Deliberation]:
    return _department_only(user, Deliberation.objects.all())


def get_deliberation_for_user(user: AnyUser, pk: int) -> Deliberation:
    return get_or_404(visible_deliberations(user).select_related("call", "decided_by"), pk)


def visible_notices(user: AnyUser) -> QuerySet[PublicNotice]:
    """The Department's notices (the public's pages come with their own issue)."""
    return _department_only(user, PublicNotice.objects.all())


def get_notice_for_user(user: AnyUser, pk: int) -> PublicNotice:
    return get_or_404(visible_notices(user).select_related("call"), pk)


def get_objection_for_user(user: AnyUser, pk: int) -> Objection:
    return get_or_404(_department_only(user, Objection.objects.all()).select_related("notice", "application__call"), pk)


def visible_publications(user: AnyUser) -> QuerySet[Publication]:
    """Published lists are public documents (第十条): everyone reads them."""
    return Publication.objects.all()


def get_publication_for_user(user: AnyUser, pk: int) -> Publication:
    return get_or_404(visible_publications(user).select_related("call"), pk)


def visible_revocations(user: AnyUser) -> QuerySet[Revocation]:
    return _department_only(user, Revocation.objects.all())


def get_revocation_for_user(user: AnyUser, pk: int) -> Revocation:
    return get_or_404(visible_revocations(user).select_related("enterprise", "application"), pk)
