"""Writes of the certificates: the Department sets a call's numbering; a publication's lines are numbered.

Each action checks the permission itself, runs in one transaction and leaves
its row in the audit trail. Numbering is idempotent: a line already numbered
keeps its number, so a re-delivered event or a second run of
``smartmfg issue-certificates`` changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from smartmfg.access import can_change_certificate_series, can_manage_certificate_series, require
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.audit.actions import assign_changes, record
from smartmfg.calls.models import Call
from smartmfg.certificates.models import Certificate, CertificateSeries
from smartmfg.certificates.numbers import check_format, check_prefixes, render_number
from smartmfg.certificates.published import refresh_public_cache, track_of
from smartmfg.notices.models import Publication
from smartmfg.rules.facts import TIERS


def series_of(call: Call) -> CertificateSeries:
    """The call's series, or (before anything was set or issued) the default one, not saved."""
    series = CertificateSeries.objects.filter(call=call).first()
    return series if series is not None else CertificateSeries(call=call)


def do_save_certificate_series(
    call: Call, *, number_format: str, prefixes: Mapping[str, str], actor: User
) -> CertificateSeries:
    """第十条: how the call's recognition numbers are written, until the first is issued.

    The format must hold ``{prefix}``, ``{year}`` and ``{seq}``; each tier
    has its own short name, distinct from the others; and no other call of
    the same year may write the same numbers.
    """
    require(can_manage_certificate_series(actor))
    number_format = check_format(number_format)
    cleaned = check_prefixes(prefixes, TIERS)
    with transaction.atomic():
        locked = CertificateSeries.objects.select_for_update().filter(call=call).first()
        require(can_change_certificate_series(actor, locked))
        _refuse_clash(call, number_format, cleaned)
        series = locked if locked is not None else CertificateSeries(call=call)
        changes = assign_changes(series, {"number_format": number_format, "prefixes": cleaned})
        if locked is not None and not changes:
            return locked
        series.changed_by = actor
        series.changed_at = timezone.now()
        series.save()
        record(
            actor=actor,
            role=Role.DEPARTMENT,
            verb="save_certificate_series",
            target=series,
            summary=f"{call.title} {number_format}",
            changes=changes,
        )
    return series


def _refuse_clash(call: Call, number_format: str, prefixes: dict[str, str]) -> None:
    """Two calls of one year with the same format and a shared short name would issue the same numbers."""
    others = CertificateSeries.objects.filter(call__year=call.year, number_format=number_format).exclude(call=call)
    for other in others.select_related("call"):
        shared = set(prefixes.values()) & set(other.prefixes.values())
        if shared:
            raise ValidationError(
                {
                    "number_format": _(
                        "与同年度的“%(call)s”编号规则相同（简称 %(names)s），编号会重复：请改用其他格式或简称"
                    )
                    % {"call": other.call.title, "names": "、".join(sorted(shared))}
                }
            )


def do_issue_certificates(publication: Publication, *, actor: User) -> list[Certificate]:
    """第十条: a recognition number and certificate for each line of the published list not yet numbered.

    Numbers follow the list's order, one sequence per call and tier, written
    in the call's series (the default one when the Department set none).
    Lines already numbered are left as they are, so this is idempotent; the
    call's series row is locked, so two runs at once cannot take one number.
    Returns the certificates issued now.
    """
    require(can_manage_certificate_series(actor))
    call = publication.call
    with transaction.atomic():
        CertificateSeries.objects.get_or_create(call=call)
        series = CertificateSeries.objects.select_for_update().get(call=call)
        ids = [line["application"] for line in publication.entries]
        numbered = set(Certificate.objects.filter(application_id__in=ids).values_list("application_id", flat=True))
        last = dict(series.certificates.values("tier").annotate(top=Max("sequence")).values_list("tier", "top"))
        issued: list[Certificate] = []
        for position, line in enumerate(publication.entries, 1):
            if line["application"] in numbered:
                continue
            tier = line["tier"]
            last[tier] = sequence = last.get(tier, 0) + 1
            number = render_number(
                series.number_format, prefix=series.prefixes.get(tier, tier), year=call.year, seq=sequence
            )
            issued.append(
                Certificate(
                    series=series,
                    publication=publication,
                    application_id=line["application"],
                    number=number,
                    tier=tier,
                    sequence=sequence,
                    position=position,
                    enterprise_name=line.get("enterprise", ""),
                    project_name=line.get("project", ""),
                    region=line.get("region", ""),
                    track=track_of(line.get("outcome", "")),
                )
            )
        if not issued:
            return []
        _refuse_taken([c.number for c in issued])
        Certificate.objects.bulk_create(issued)
        record(
            actor=actor,
            role=Role.DEPARTMENT,
            verb="issue_certificates",
            target=publication,
            summary=f"{publication.document_number} {issued[0].number}…{issued[-1].number}",
            changes={"numbers": [c.number for c in issued]},
        )
        transaction.on_commit(refresh_public_cache)
    return issued


def _refuse_taken(numbers: list[str]) -> None:
    taken = sorted(Certificate.objects.filter(number__in=numbers).values_list("number", flat=True))
    if taken:
        raise ValidationError(
            {
                "number_format": _("认定编号 %(numbers)s 已被其他批次使用：请先修改本批次的编号规则")
                % {"numbers": "、".join(taken)}
            }
        )
