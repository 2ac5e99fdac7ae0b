"""Who sees what of the public's part of 第十条 (certificates).

- Anyone verifies a recognition number (``get_certificate_for_verification``):
  the verification page then shows only the public facts of the line as
  published (``certificates.published.verification``), nothing else.
- The certificate itself (the PDF) is the Department's and the enterprise's
  own: ``visible_certificates``; another enterprise, a bureau, an expert and
  the public get 404 exactly as for a certificate that does not exist.
- The numbering series of a call is the Department's to set, until the first
  number is issued (``can_change_certificate_series``).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from smartmfg.access.core import ALLOW, AnyUser, Decision, deny, get_or_404
from smartmfg.accounts.identity import enterprise_id_of, roles_held
from smartmfg.accounts.roles import Role
from smartmfg.certificates.models import Certificate, CertificateSeries

__all__ = [
    "can_change_certificate_series",
    "can_manage_certificate_series",
    "get_certificate_for_user",
    "get_certificate_for_verification",
    "visible_certificates",
]


def visible_certificates(user: AnyUser) -> QuerySet[Certificate]:
    """Every certificate for the Department; its own for an enterprise; none for anyone else."""
    if Role.DEPARTMENT in roles_held(user):
        return Certificate.objects.all()
    if (enterprise_id := enterprise_id_of(user)) is not None:
        return Certificate.objects.filter(application__enterprise_id=enterprise_id)
    return Certificate.objects.none()


def get_certificate_for_user(user: AnyUser, pk: int) -> Certificate:
    return get_or_404(
        visible_certificates(user).select_related("publication", "application", "application__revocation"), pk
    )


def get_certificate_for_verification(user: AnyUser, number: str) -> Certificate:
    """第十条: anyone with a number may check it; an unknown number is a 404."""
    certificate = (
        Certificate.objects.select_related("publication", "application", "application__revocation")
        .filter(number=number)
        .first()
    )
    if certificate is None:
        raise Http404(number)
    return certificate


def can_manage_certificate_series(user: AnyUser) -> Decision:
    """The numbering series of the calls (第十条) is the Department's."""
    if Role.DEPARTMENT in roles_held(user):
        return ALLOW
    return deny(_("只有省工信厅可以设置认定编号规则"))


def can_change_certificate_series(user: AnyUser, series: CertificateSeries | None) -> Decision:
    """The Department, until the first number of the call is issued: a printed number never changes meaning."""
    if not (decision := can_manage_certificate_series(user)):
        return decision
    if series is not None and series.pk is not None and series.certificates.exists():
        return deny(_("本批次已发放认定编号，编号规则不能再修改"))
    return ALLOW
