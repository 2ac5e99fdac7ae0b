"""What the application form and the submission pages show, computed once per request."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from smartmfg.applications.models import Application, ApplicationEvent, AttachmentKind, InvestmentItem, Submission
from smartmfg.applications.states import Status
from smartmfg.lib.choices import current_lang, label_of
from smartmfg.rules import facts
from smartmfg.rules.checks import RULE_LABELS
from smartmfg.rules.divisions import full_name
from smartmfg.rules.engine import Verdict

ZERO = Decimal("0.00")

# Why an item did not count (reasons of the investment check), grouped as the page shows them.
LEFT_OUT_GROUPS = {
    "outside_window": "window",
    "planned_before_window": "window",
    "category": "category",
    "planned_recognition": "planned",
    "planned_no_expected": "planned",
    "planned_after_completion": "planned",
}


# ---------------------------------------------------------------- investment


def investment_summary(items: Sequence[InvestmentItem], verdict: Verdict) -> dict[str, Any]:
    """Totals as entered (by category, completed and planned) and what counts in the window.

    What counts and why the rest does not is the investment check's own
    reckoning (第五条至第七条第1款 under the call's policy); nothing is re-derived here.
    """
    by_category: dict[str, dict[str, Decimal]] = {}
    for item in items:
        row = by_category.setdefault(item.category, {"completed": ZERO, "planned": ZERO})
        row[item.status] = row.get(item.status, ZERO) + item.amount
    categories: list[dict[str, Any]] = [
        {
            "label": label_of(facts.INVESTMENT_CATEGORY_LABELS, code),
            "completed": by_category[code]["completed"],
            "planned": by_category[code]["planned"],
            "total": by_category[code]["completed"] + by_category[code]["planned"],
        }
        for code in facts.INVESTMENT_CATEGORIES
        if code in by_category
    ]
    data = verdict.check("investment_threshold").data
    groups: dict[str, dict[str, Any]] = defaultdict(lambda: {"amount": ZERO, "items": []})
    for n, reason, _day, _category, amount, _invoice in data["left_out"]:
        group = groups[LEFT_OUT_GROUPS.get(reason, "planned")]
        group["amount"] += amount
        group["items"].append(n)
    labels = {
        "window": _("不在%(start)s至%(end)s内") % {"start": data["start"], "end": data["end"]},
        "category": _("土建、厂房（不计入软硬件投资）"),
        "planned": _("计划投资（不符合计入条件）"),
    }
    left_out = [
        {"label": labels[key], "amount": groups[key]["amount"], "items": groups[key]["items"]}
        for key in ("window", "category", "planned")
        if key in groups
    ]
    return {
        "categories": categories,
        "completed": sum((c["completed"] for c in categories), ZERO),
        "planned": sum((c["planned"] for c in categories), ZERO),
        "total": sum((c["total"] for c in categories), ZERO),
        "years": data["years"],
        "start": data["start"],
        "end": data["end"],
        "eligible": data["eligible_investment"],
        "minimum": data["minimum"],
        "met": data["eligible_investment"] >= data["minimum"],
        "left_out": left_out,
        "message": verdict.check("investment_threshold").message.render(current_lang()),
    }


# ---------------------------------------------------------------- returns


def latest_returns(applications: Iterable[Application]) -> dict[int, ApplicationEvent]:
    """For each returned application, the bureau's latest return (its reasons), in one query."""
    ids = [a.pk for a in applications if a.status == Status.RETURNED]
    if not ids:
        return {}
    events = (
        ApplicationEvent.objects.filter(application_id__in=ids, to_status=Status.RETURNED)
        .select_related("actor")
        .order_by("application_id", "-at", "-id")
    )
    latest: dict[int, ApplicationEvent] = {}
    for event in events:
        latest.setdefault(event.application_id, event)
    return latest


def latest_return(application: Application) -> ApplicationEvent | None:
    return latest_returns([application]).get(application.pk)


# ---------------------------------------------------------------- submissions


def submission_view(submission: Submission) -> dict[str, Any]:
    """A submission's snapshot with its codes turned into words, for the page that shows it."""
    snapshot = submission.snapshot
    document = snapshot.get("application", {})
    project = document.get("project", {})
    investments = [
        {
            **item,
            "amount": Decimal(item["amount"]),
            "category_label": label_of(facts.INVESTMENT_CATEGORY_LABELS, item["category"]),
            "status_label": label_of(facts.INVESTMENT_STATUS_LABELS, item["status"]),
        }
        for item in document.get("investments", [])
    ]
    return {
        "tier_label": label_of(facts.TIER_LABELS, document.get("tier", "")),
        "applied_on": document.get("applied_on"),
        "enterprise": _enterprise(document.get("enterprise", {})),
        "credit_check": _credit(document.get("credit_check")),
        "violations": document.get("violations", []),
        "major_incidents": [
            {**i, "kind_label": label_of(facts.INCIDENT_KIND_LABELS, i["kind"])}
            for i in document.get("major_incidents", [])
        ],
        "revocations": document.get("revocations", []),
        "project": {
            **project,
            "region": _region(project.get("region_code", "")),
            "status_label": label_of(facts.PROJECT_STATUS_LABELS, project.get("status", "")),
            "address": snapshot.get("project", {}).get("address", ""),
            "summary": snapshot.get("project", {}).get("summary", ""),
            "scenarios": [
                {**s, "area_label": label_of(facts.SCENARIO_AREA_LABELS, s["area"])}
                for s in project.get("scenarios", [])
            ],
        },
        "investments": investments,
        "investment_total": sum((i["amount"] for i in investments), ZERO),
        "maturity": _maturity(document.get("maturity")),
        "commitment_accepted_at": _moment(snapshot.get("commitment_accepted_at")),
        "attachments": [{**a, "kind_label": _kind_label(a.get("kind", ""))} for a in snapshot.get("attachments", [])],
        "verdict": _verdict(submission.verdict),
    }


def _enterprise(data: dict[str, Any]) -> dict[str, Any]:
    return {
        **data,
        "legal_status_label": label_of(facts.LEGAL_STATUS_LABELS, data.get("legal_status", "")),
        "region": _region(data.get("region_code", "")),
    }


def _credit(data: dict[str, Any] | None) -> dict[str, Any] | None:
    if data is None:
        return None
    return {**data, "rating_label": label_of(facts.CREDIT_RATING_LABELS, data["rating"])}


def _maturity(data: dict[str, Any] | None) -> dict[str, Any] | None:
    if data is None:
        return None
    return {**data, "level_label": label_of(facts.MATURITY_LEVEL_LABELS, data["level"])}


def _verdict(data: dict[str, Any]) -> dict[str, Any]:
    checks = [{**c, "label": label_of(RULE_LABELS, c["rule"])} for c in data.get("checks", [])]
    return {
        "eligible": data.get("eligible"),
        "track": data.get("track"),
        "track_label": label_of(facts.TRACK_LABELS, data["track"]) if data.get("track") else "",
        "eligible_investment": Decimal(data.get("eligible_investment", "0")),
        "checks": checks,
        "failed": sum(1 for c in checks if c["result"] == "fail"),
    }


def _region(code: str) -> str:
    return f"{full_name(code)}（{code}）" if code else ""


def _kind_label(kind: str) -> str:
    try:
        return str(AttachmentKind(kind).label)
    except ValueError:
        return kind


def _moment(value: str | None) -> dt.datetime | None:
    return parse_datetime(value) if value else None
