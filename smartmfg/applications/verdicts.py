"""Keeping the stored verdict columns in step with what they are derived from.

The verdict shown on a page is always judged afresh; the stored columns
serve lists and filters. They are refreshed when an application is edited,
when a record about its enterprise is added, and when its call's policy
changes. Submitted applications keep the verdict of their application date.
"""

from __future__ import annotations

from smartmfg.applications.facts import refresh_verdict
from smartmfg.applications.models import Application
from smartmfg.calls.models import Call
from smartmfg.enterprises.models import Enterprise


def _refresh_all(applications: list[Application]) -> int:
    for application in applications:
        refresh_verdict(application)
    return len(applications)


def refresh_call_verdicts(call: Call) -> int:
    applications = Application.objects.filter(call=call).select_related("call", "enterprise")
    return _refresh_all(list(applications))


def refresh_enterprise_verdicts(enterprise: Enterprise) -> int:
    applications = Application.objects.filter(enterprise=enterprise).select_related("call", "enterprise")
    return _refresh_all(list(applications))
