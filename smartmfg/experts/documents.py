"""The draw document (抽取记录): what anyone needs to re-run a draw, codes only, never names (第九条)."""

from __future__ import annotations

import json

from django.http import HttpResponse

from smartmfg.experts.actions.draws import declined_codes
from smartmfg.experts.models import Draw
from smartmfg.rules.experts.draw import DrawInputs, draw_document


def draw_document_response(draw: Draw) -> HttpResponse:
    """The document as a JSON download; ``smartmfg experts verify-draw`` re-runs it."""
    body = draw_document(DrawInputs.from_json(draw.inputs), draw.seed, draw.seed_source, declined_codes(draw))
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="draw-{draw.call_id}-{draw.pk}.json"'
    return response
