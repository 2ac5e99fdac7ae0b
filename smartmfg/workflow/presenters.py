"""What the application pages show, computed once per request."""

from __future__ import annotations

from typing import Any

from smartmfg.accounts.identity import AnyUser
from smartmfg.applications.models import Application, Judgement
from smartmfg.eligibility.gates import step_verdict
from smartmfg.lib.choices import current_lang
from smartmfg.rules.engine import Verdict
from smartmfg.workflow.permissions import available_steps


def verdict_context(application: Application, verdict: Verdict | None = None) -> dict[str, Any]:
    """The binding verdict (the one the steps check) with each check's message in the user's language.

    ``manual`` checks carry the latest person's judgement, if any, so the page
    shows who judged what; the verdict itself stays the rules' own.
    """
    verdict = verdict or step_verdict(application)
    lang = current_lang()
    latest: dict[str, Judgement] = {}
    for judgement in application.judgements.select_related("judged_by").order_by("judged_at", "id"):
        latest[judgement.rule] = judgement
    checks = [
        {
            "rule": c.rule,
            "article": c.article,
            "result": c.result,
            "message": c.message.render(lang),
            "judgement": latest.get(c.rule),
        }
        for c in verdict.checks
    ]
    return {"verdict": verdict, "checks": checks, "failed": len(verdict.failed)}


def steps_context(user: AnyUser, application: Application) -> list[dict[str, Any]]:
    """The buttons of the workflow table for this user and state, allowed or with the reason not."""
    return [
        {"step": step, "allowed": decision.allowed, "reason": decision.reason, "details": decision.details}
        for step, decision in available_steps(user, application)
    ]
