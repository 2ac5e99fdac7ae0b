"""The reviewer's panel on an application's page: judgements, records about the enterprise, letters.

Registered from ``ReviewsConfig.ready()``; shown to the bureaus and the
Department, next to the step buttons of the workflow table. It reads only:
the forms post to their own pages (``reviews:judgement``,
``enterprises:add_record``), which come back here.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from smartmfg.access import (
    JUDGED_RULES,
    can_record_about_enterprise,
    can_record_judgement,
    can_see_review_records,
    visible_letters,
)
from smartmfg.applications.models import Application, Judgement
from smartmfg.enterprises.record_forms import RECORD_FORMS
from smartmfg.lib.choices import label_of
from smartmfg.reviews.forms import JudgementForm
from smartmfg.rules.checks import RULE_LABELS


def review_panel(request: HttpRequest, application: Application) -> dict[str, Any] | None:
    """The panel's context, or None for those who do not review (the enterprise, experts, the public)."""
    if not can_see_review_records(request.user):
        return None
    here = reverse("applications:detail", args=[application.pk])
    enterprise = application.enterprise
    can_record = can_record_about_enterprise(request.user, enterprise)
    return {
        "judgements": _judgements(request, application),
        "enterprise": enterprise,
        "credit_check": enterprise.credit_checks.select_related("recorded_by").first(),
        "violations": list(enterprise.violations.select_related("recorded_by")[:5]),
        "incidents": list(enterprise.major_incidents.select_related("recorded_by")[:5]),
        "can_record": can_record,
        "record_forms": [(kind, label, form(prefix=kind)) for kind, (label, form) in RECORD_FORMS.items()]
        if can_record
        else [],
        "letters": list(visible_letters(request.user).filter(applications=application).select_related("recipient")),
        "next": here,
    }


def _judgements(request: HttpRequest, application: Application) -> list[dict[str, Any]]:
    """Per manual rule: its history (latest first), whether the user may judge it now, and the form."""
    history: dict[str, list[Judgement]] = {rule: [] for rule in JUDGED_RULES}
    for judgement in application.judgements.select_related("judged_by").order_by("-judged_at", "-id"):
        history.setdefault(judgement.rule, []).append(judgement)
    shown = []
    for rule, judgements in history.items():
        decision = can_record_judgement(request.user, application, rule)
        if not judgements and not decision:
            continue
        shown.append(
            {
                "rule": rule,
                "label": label_of(RULE_LABELS, rule),
                "history": judgements,
                "allowed": decision.allowed,
                "reason": decision.reason,
                "form": JudgementForm(auto_id=f"id_{rule}_%s") if decision else None,
            }
        )
    return shown
