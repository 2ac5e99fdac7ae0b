"""The spot draw's record (JSON, re-run by anyone) and the signed report of a visit (PDF).

The report is rendered by WeasyPrint with the platform's CJK font, always
in Chinese: it is the record attached to the application's history (the
step 专家提交现场抽查报告), whatever language the expert's pages are in. It
lists the items with their results and notes, how many photos each has, the
members and when each signed.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from smartmfg.lib.documents import FONT_FILE, render_pdf
from smartmfg.rules.experts.spot_sample import spot_document
from smartmfg.visits.models import SpotDraw, Visit


def spot_draw_document(spot_draw: SpotDraw) -> dict[str, Any]:
    """The drawn spot draw's record: the numbers, the share, their digest, the seed and the sample."""
    return spot_document(spot_draw.numbers, spot_draw.share_percent or 0, spot_draw.seed, spot_draw.seed_note)


def spot_draw_response(spot_draw: SpotDraw) -> HttpResponse:
    """The record as a JSON download (``verify_spot_document`` re-runs it)."""
    body = json.dumps(spot_draw_document(spot_draw), ensure_ascii=False, indent=2, sort_keys=True)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="spot-draw-{spot_draw.call_id}.json"'
    return response


def report_html(visit: Visit) -> str:
    items = visit.items.order_by("position").prefetch_related("photos")
    members = visit.members.select_related("expert").order_by("id")
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "visits/report_document.html",
            {
                "visit": visit,
                "application": visit.application,
                "items": [(item, sum(1 for p in item.photos.all() if p.removed_at is None)) for item in items],
                "members": members,
                "font_url": FONT_FILE.as_uri(),
            },
        )


def report_file(visit: Visit) -> SimpleUploadedFile:
    """The report as an upload, to attach to the step's event."""
    name = f"现场抽查报告-{visit.application.reference}.pdf"
    return SimpleUploadedFile(name, render_pdf(report_html(visit)), content_type="application/pdf")
