"""Writes of the intake: applications received on paper or from another system entered by the Department.

See ``intake.importing`` for what a document becomes; everything here runs
in one transaction per document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final

from django.db import IntegrityError, transaction
from django.db.models import Model

from smartmfg.access import can_import_applications, require
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.actions import new_reference
from smartmfg.applications.models import Application, InvestmentItem, Scenario, Workshop
from smartmfg.audit.actions import record
from smartmfg.calls.models import Call
from smartmfg.eligibility.gathering import application_facts
from smartmfg.eligibility.verdicts import documents_of
from smartmfg.enterprises import models as records
from smartmfg.enterprises.models import Enterprise
from smartmfg.intake.importing import (
    _RECORD_FIELDS,
    SOURCE,
    Outcome,
    _error,
    application_fields,
    bureau_for,
    investment_rows,
    scenario_rows,
    storable_problems,
    workshop_rows,
)
from smartmfg.rules.engine import judge
from smartmfg.rules.facts import TIER_LABELS, ApplicationFacts, EnterpriseFacts
from smartmfg.rules.requirements import SUBMISSION, problem
from smartmfg.rules.schema import FieldError, InvalidApplication, parse_application
from smartmfg.rules.text import Text
from smartmfg.workflow.actions import submit_with_snapshot


def import_file(
    call: Call,
    text: str | bytes,
    *,
    actor: User,
    source: str,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Import every document of a file (one transaction each); report each one.

    Permission is checked before anything is read (``PermissionDenied``).
    """
    require(can_import_applications(actor, call))
    try:
        documents = list(documents_of(text, source))
    except InvalidApplication as invalid:
        return [Outcome(source, errors=tuple(invalid.errors))]
    outcomes = []
    for name, document in documents:
        try:
            outcome = Outcome(name, application=do_import_application(call, document, actor=actor))
        except InvalidApplication as invalid:
            outcome = Outcome(name, errors=tuple(invalid.errors))
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return outcomes


def do_import_application(call: Call, document: Any, *, actor: User) -> Application:
    """Import one document into ``call`` and enter it into the procedure (one transaction).

    Raises ``InvalidApplication`` (every problem, with its path) and changes
    nothing when the document is invalid, cannot be stored, or duplicates an
    application; ``PermissionDenied`` when ``actor`` may not import.
    """
    require(can_import_applications(actor, call))
    facts = parse_application(document)
    problems = storable_problems(facts)
    if not call.offers(facts.tier):
        problems.insert(0, _error("tier", "tier_not_offered", tier=Text(TIER_LABELS, facts.tier)))
    if problems:
        raise InvalidApplication(problems)
    try:
        with transaction.atomic():
            return _import(call, facts, actor)
    except IntegrityError:
        # Someone imported or started the same application at the same moment.
        raise InvalidApplication([_duplicate(call, facts)]) from None


def _import(call: Call, facts: ApplicationFacts, actor: User) -> Application:
    enterprise = _enterprise(facts.enterprise)
    if Application.objects.filter(call=call, enterprise=enterprise, tier=facts.tier).exists():
        raise InvalidApplication([_duplicate(call, facts)])
    appended = _append_records(enterprise, facts, actor)
    application = Application.objects.create(
        reference=new_reference(call, facts.tier),
        call=call,
        enterprise=enterprise,
        tier=facts.tier,
        jurisdiction=enterprise.jurisdiction,
        created_by=actor,
        **application_fields(facts),
    )
    InvestmentItem.objects.bulk_create(investment_rows(application, facts))
    Workshop.objects.bulk_create(workshop_rows(application, facts))
    Scenario.objects.bulk_create(scenario_rows(application, facts))
    record(
        actor=actor,
        role=Role.DEPARTMENT,
        verb="import_application",
        target=application,
        summary=f"{application.reference} {enterprise.name}",
        changes={"enterprise": enterprise.uscc, "records": appended, "investments": len(facts.investments)},
    )
    _require_submittable(application, facts.applied_on)
    submit_with_snapshot(application, action="import_submission", applied_on=facts.applied_on, actor=actor)
    return application


# Where in the import format each rule the enterprise's data decides is read from.
RULE_PATHS: Final = {
    "legal_entity": "enterprise",
    "project_in_province": "project.region_code",
    "construction_status": "project",
    "investment_threshold": "investments",
    "maturity_level": "maturity",
    "self_assessment": "maturity",
    "workshop_count": "project.workshops",
    "scenario_count": "project.scenarios",
    "not_banned": "revocations",
}


def _require_submittable(application: Application, applied_on: dt.date) -> None:
    """第八条、第十二条: an application received on paper is accepted on the same rules as one submitted online
    (``requirements.SUBMISSION``), judged as of its application date with the enterprise's records on file."""
    verdict = judge(application_facts(application, applied_on=applied_on), application.call.get_policy())
    unmet = SUBMISSION.unmet(verdict)
    if unmet:
        raise InvalidApplication([FieldError(RULE_PATHS.get(c.rule, ""), problem(c)) for c in unmet])


def _duplicate(call: Call, facts: ApplicationFacts) -> FieldError:
    existing = Application.objects.filter(call=call, enterprise__uscc=facts.enterprise.uscc, tier=facts.tier).first()
    if existing is None:  # the unique credit code of a new enterprise, taken at the same moment
        return _error("", "conflict")
    return _error("tier", "duplicate", tier=Text(TIER_LABELS, facts.tier), reference=existing.reference)


def _enterprise(facts: EnterpriseFacts) -> Enterprise:
    """The enterprise with this credit code, or a new one (its own profile is left as it is)."""
    existing = Enterprise.objects.select_related("jurisdiction").filter(uscc=facts.uscc).first()
    if existing is not None:
        return existing
    bureau = bureau_for(facts.region_code)
    if bureau is None:
        raise InvalidApplication([_error("enterprise.region_code", "no_bureau", code=facts.region_code)])
    # Industry and manufacturing type are not in the import format: they stay
    # empty until the enterprise completes its profile (whose form requires them).
    return Enterprise.objects.create(
        name=facts.name,
        uscc=facts.uscc,
        legal_status=facts.legal_status,
        pays_tax_in_province=facts.pays_tax_in_province,
        registered_division=facts.region_code,
        jurisdiction=bureau,
    )


def _append_records(enterprise: Enterprise, facts: ApplicationFacts, actor: User) -> int:
    """Append the document's records about the enterprise; return how many were new."""
    rows: list[Model] = []
    if facts.credit_check is not None:
        c = facts.credit_check
        rows.append(
            records.CreditCheck(
                rating=c.rating,
                on_abnormal_list=c.on_abnormal_list,
                on_serious_dishonesty_list=c.on_serious_dishonesty_list,
                checked_on=c.checked_on,
            )
        )
    rows += [records.Violation(occurred_on=v.date, description=v.description) for v in facts.violations]
    rows += [
        records.MajorIncident(occurred_on=i.date, kind=i.kind, description=i.description) for i in facts.major_incidents
    ]
    rows += [records.Revocation(revoked_on=r.date, reason=r.reason) for r in facts.revocations]
    appended = 0
    for row in rows:
        if not _on_file(enterprise, row):
            row.enterprise = enterprise  # type: ignore[attr-defined]
            row.recorded_by = actor  # type: ignore[attr-defined]
            row.source = SOURCE  # type: ignore[attr-defined]
            row.save()
            appended += 1
    return appended


def _on_file(enterprise: Enterprise, row: Model) -> bool:
    model = type(row)
    same = {name: getattr(row, name) for name in _RECORD_FIELDS[model]}
    return bool(model._default_manager.filter(enterprise=enterprise, **same).exists())
