"""Which rules must hold before each step of the procedure (domain.md §6: the verdict binds).

The verdict is not advice. Submitting needs every rule that the enterprise's
own data decides (第八条: what it enters is complete and eligible); the
local bureau's pass, the Department's re-review and everything after need
every rule, judged again at that moment (第八条至第十条), and the manual rules
judged by the people the Rules name: production, operations and finances by
the local bureau (第四条), the technical requirements by the experts
(第五条至第七条第3款, 第九条). There is no override: when a rule fails because a
record is wrong, the record is corrected and the step is tried again.

The workflow table names one ``Requirement`` per step; ``unmet`` lists what
stands in the way, in the verdict's order, so the page and the server give
the same reasons.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from .checks import RULE_IDS, RULE_LABELS, Check
from .engine import Verdict
from .text import Lang, Text

# 第四条至第七条、第十二条: the rules the enterprise's own entries decide, and the ban. The
# others read records the local bureau adds (credit check, unlawful acts,
# incidents) or a person's judgement, and are judged from the initial review on.
ENTERPRISE_DATA_RULES: Final = frozenset(
    {
        "legal_entity",
        "project_in_province",
        "construction_status",
        "investment_threshold",
        "maturity_level",
        "self_assessment",
        "workshop_count",
        "scenario_count",
        "not_banned",
    }
)


@dataclass(frozen=True, slots=True)
class Requirement:
    """What a step needs of the verdict.

    ``rules`` must not fail (``None``: every rule of the tier); the manual
    rules of ``judged`` must moreover have been judged, and judged ``pass``.
    """

    key: str
    rules: frozenset[str] | None
    judged: frozenset[str] = frozenset()

    def unmet(self, verdict: Verdict) -> tuple[Check, ...]:
        """The checks that stand in the way of the step, in the verdict's order; empty when it may be taken."""
        return tuple(check for check in verdict.checks if self._blocks(check))

    def _blocks(self, check: Check) -> bool:
        if self.rules is not None and check.rule not in self.rules:
            return False
        return check.result == "fail" or (check.result == "manual" and check.rule in self.judged)


SUBMISSION: Final = Requirement("submission", ENTERPRISE_DATA_RULES)
INITIAL_REVIEW: Final = Requirement("initial_review", None, frozenset({"operations_finance"}))
EVALUATION: Final = Requirement("evaluation", None, frozenset({"operations_finance", "technical_merit"}))

for _rule in ENTERPRISE_DATA_RULES | INITIAL_REVIEW.judged | EVALUATION.judged:
    assert _rule in RULE_IDS, _rule

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "failed": {"zh": "不符合“{label}”（{article}）：{message}", "en": "{label} ({article}) not met: {message}"},
    "unjudged": {
        "zh": "“{label}”（{article}）尚未判断：{message}",
        "en": "{label} ({article}) not yet judged: {message}",
    },
    "refused": {
        "zh": "不符合认定条件，不能办理：{problems}。没有例外审批：如因记录有误，"
        "请先更正该记录（更正留有记录），再重新办理。",
        "en": "the conditions are not met, so this step cannot be taken: {problems}. There is no override: if a "
        "record is wrong, correct it first (the correction is recorded), then try again.",
    },
}


def problem(check: Check) -> Text:
    """One line of a refusal: the rule, its article and its own message."""
    key = "unjudged" if check.result == "manual" else "failed"
    params = {"label": Text(RULE_LABELS, check.rule), "article": check.article, "message": check.message}
    return Text(MESSAGES, key, params)


def refusal(checks: Iterable[Check]) -> Text:
    """The whole refusal: every rule in the way, and what to do about it."""
    return Text(MESSAGES, "refused", {"problems": _Joined(tuple(problem(c) for c in checks))})


@dataclass(frozen=True, slots=True)
class _Joined:
    texts: tuple[Text, ...]

    def render(self, lang: Lang = "zh") -> str:
        return ("；" if lang == "zh" else "; ").join(t.render(lang) for t in self.texts)
