"""The enterprise's panel on its application's page: the Department's questions on objections (第十条)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from smartmfg.access import can_answer_objection, visible_objection_questions
from smartmfg.accounts.identity import enterprise_id_of
from smartmfg.applications.models import Application


def objection_questions(request: HttpRequest, application: Application) -> dict[str, Any] | None:
    """The questions to answer and those answered, for the enterprise objected to only; None otherwise.

    Only what the Department asked is shown: never the objection's content nor who filed it.
    """
    if enterprise_id_of(request.user) != application.enterprise_id:
        return None
    questions = list(
        visible_objection_questions(request.user)
        .filter(objection__application=application)
        .select_related("objection__application")
        .order_by("asked_at", "id")
    )
    if not questions:
        return None
    return {"questions": [(q, can_answer_objection(request.user, q)) for q in questions]}
