"""The Department's panel on an application's page: what its stages recorded (第九条至第十二条)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from smartmfg.access import can_run_stages
from smartmfg.applications.models import Application, ApplicationEvent
from smartmfg.applications.states import Status
from smartmfg.enterprises.models import Revocation
from smartmfg.evaluations import actions
from smartmfg.evaluations.models import ExpertConclusion, SpotCheck


def stage_records(request: HttpRequest, application: Application) -> dict[str, Any] | None:
    """Expert conclusions, spot checks, deliberation, notice, publication and revocation; None before them."""
    if not can_run_stages(request.user) or application.submission_count == 0:
        return None
    context = {
        "conclusions": list(ExpertConclusion.objects.filter(application=application).select_related("recorded_by")),
        "spot_checks": list(
            SpotCheck.objects.filter(application=application).select_related("ordered_by", "recorded_by")
        ),
        "rulings": list(ApplicationEvent.objects.filter(application=application, action__in=("approve", "disapprove"))),
        "notices": list(application.notices.all()),
        "objections": list(application.objections.select_related("notice")),
        "publications": list(application.publications.all()),
        "revocation": Revocation.objects.filter(application=application).first(),
    }
    if not any(context.values()):
        return None
    # 第十二条: before revoking, the Department sees what else the enterprise holds, to review it too.
    revocable = application.status in (Status.RECOGNISED, Status.CULTIVATING)
    others = list(actions.other_recognitions(application)) if revocable or context["revocation"] else []
    return {"application": application, **context, "other_recognitions": others}
