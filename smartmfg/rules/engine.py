"""Judge one application: every rule of its tier, in the table's order."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from .checks import RULES, Check, RuleFunction
from .facts import TIERS, ApplicationFacts, Tier, Track
from .policy import DEFAULT_POLICY, Policy
from .text import Lang


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the rules say about one application.

    ``eligible`` is true exactly when no check failed (``manual`` checks never
    make an application ineligible; they must be judged at their stage).
    ``track`` is None when ``construction_status`` fails. ``eligible_investment``
    is what counted toward ``investment_threshold``.
    """

    tier: Tier
    eligible: bool
    track: Track | None
    eligible_investment: Decimal
    checks: tuple[Check, ...]

    def check(self, rule: str) -> Check:
        """The check of ``rule`` (``KeyError`` when it does not apply to the tier)."""
        for check in self.checks:
            if check.rule == rule:
                return check
        raise KeyError(rule)

    @property
    def failed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.result == "fail")

    @property
    def manual(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.result == "manual")

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """The JSON the CLI and the API print, messages rendered in ``lang``."""
        return {
            "tier": self.tier,
            "eligible": self.eligible,
            "track": self.track,
            "eligible_investment": f"{self.eligible_investment:.2f}",
            "checks": [
                {"rule": c.rule, "article": c.article, "result": c.result, "message": c.message.render(lang)}
                for c in self.checks
            ],
        }


def judge(facts: ApplicationFacts, policy: Policy = DEFAULT_POLICY) -> Verdict:
    """Run every rule that applies to ``facts.tier`` under ``policy``.

    Pure: same facts and policy, same verdict. No message is phrased here;
    ``Check.message`` builds one when it is read.
    """
    plan = _PLANS.get(facts.tier)
    if plan is None:
        raise ValueError(f"unknown tier {facts.tier!r}")
    rules, status_at, investment_at = plan
    checks = tuple([rule(facts, policy) for rule in rules])
    eligible = "fail" not in [check.result for check in checks]
    track = checks[status_at].data["track"]
    invested = checks[investment_at].data["eligible_investment"]
    return Verdict(facts.tier, eligible, track, invested, checks)


def _plan(tier: Tier) -> tuple[tuple[RuleFunction, ...], int, int]:
    """A tier's rules, and where the two checks the verdict summarises stand among them."""
    rules = [rule for rule in RULES if tier in rule.tiers]
    ids = [rule.id for rule in rules]
    return (
        tuple(rule.check for rule in rules),
        ids.index("construction_status"),
        ids.index("investment_threshold"),
    )


_PLANS: Final = {tier: _plan(tier) for tier in TIERS}
