"""From stored rows to the pure core's ``ApplicationFacts``, and back to the verdict columns.

The core judges; this module only gathers what it needs. Records about the
enterprise are read as they stand when judging: a credit check made by the
bureau during its review counts, whatever its date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from smartmfg.applications.models import Application
from smartmfg.eligibility.bulk import latest_judgements
from smartmfg.rules import facts as core
from smartmfg.rules.engine import Verdict


def judging_date(application: Application) -> dt.date:
    """The application date: the last submission's while it is under review; today while
    the enterprise may still edit it (a draft, or one returned or withdrawn), since it
    will be judged on the day it is submitted again."""
    if application.is_editable or application.applied_on is None:
        return timezone.localdate()
    return application.applied_on


def application_facts(application: Application, *, applied_on: dt.date | None = None) -> core.ApplicationFacts:
    """The application's facts as its rows stand now, records and judgements included (see ``bulk.load``)."""
    enterprise = application.enterprise
    credit = enterprise.credit_checks.order_by("-checked_on", "-id").first()
    return core.ApplicationFacts(
        tier=application.tier,  # type: ignore[arg-type]
        applied_on=applied_on or judging_date(application),
        judged_on=timezone.localdate(),
        enterprise=core.EnterpriseFacts(
            name=enterprise.name,
            uscc=enterprise.uscc,
            legal_status=enterprise.legal_status,  # type: ignore[arg-type]
            pays_tax_in_province=enterprise.pays_tax_in_province,
            region_code=enterprise.registered_division,
        ),
        credit_check=None
        if credit is None
        else core.CreditCheckFacts(
            rating=credit.rating,  # type: ignore[arg-type]
            on_abnormal_list=credit.on_abnormal_list,
            on_serious_dishonesty_list=credit.on_serious_dishonesty_list,
            checked_on=credit.checked_on,
        ),
        violations=tuple(core.Violation(v.occurred_on, v.description) for v in enterprise.violations.all()),
        major_incidents=tuple(
            core.MajorIncident(i.occurred_on, i.kind, i.description)  # type: ignore[arg-type]
            for i in enterprise.major_incidents.all()
        ),
        revocations=tuple(core.Revocation(r.revoked_on, r.reason) for r in enterprise.revocations.all()),
        project=_project(application),
        investments=tuple(
            core.InvestmentFacts(i.occurred_on, i.category, i.amount, i.status, i.invoice_no)  # type: ignore[arg-type]
            for i in application.investments.all()
        ),
        maturity=_maturity(application),
        judgements=latest_judgements([application.pk]).get(application.pk, ()),
    )


def _project(application: Application) -> core.ProjectFacts:
    return core.ProjectFacts(
        name=application.project_name,
        region_code=application.project_division,
        status=application.construction_status or "in_production",  # type: ignore[arg-type]
        production_started_on=application.production_started_on,
        expected_completion_on=application.expected_completion_on,
        workshops=tuple(w.name for w in application.workshops.all()),
        scenarios=tuple(core.Scenario(s.area, s.title) for s in application.scenarios.all()),  # type: ignore[arg-type]
    )


def _maturity(application: Application) -> core.MaturityFacts | None:
    if application.maturity_level is None:
        return None
    return core.MaturityFacts(
        level=application.maturity_level,
        score=application.maturity_score,
        assessed_on=application.maturity_assessed_on,
        report_no=application.maturity_report_no or None,
    )


def verdict_columns(verdict: Verdict) -> dict[str, Any]:
    """What the application row keeps of a verdict, for lists and filters."""
    return {
        "verdict_eligible": verdict.eligible,
        "verdict_track": verdict.track or "",
        "verdict_results": {check.rule: check.result for check in verdict.checks},
        "eligible_investment": verdict.eligible_investment,
    }
