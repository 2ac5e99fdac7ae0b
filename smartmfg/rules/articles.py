"""The articles of the Rules (吉工信规划〔2024〕228号) that eligibility cites.

第五条、第六条 and 7 give the same four clauses, one article per tier: 1 construction
and investment, 2 maturity, 3 what the tier must be, 4 the self-assessment.
"""

from __future__ import annotations

from typing import Final

from .facts import TIERS, Tier

ARTICLE_4: Final = "第四条"
ARTICLE_4_DEFINITION_8: Final = "第四条；定义（八）"
ARTICLE_8: Final = "第八条"
ARTICLE_10: Final = "第十条"
ARTICLE_12: Final = "第十二条"

TIER_ARTICLE: Final[dict[Tier, str]] = {
    "digital_workshop": "第五条",
    "smart_factory": "第六条",
    "future_factory": "第七条",
}


def clause(number: int) -> dict[Tier, str]:
    """``{tier: "第五条第1款", ...}``: the clause ``number`` of each tier's article."""
    return {tier: f"{TIER_ARTICLE[tier]}第{number}款" for tier in TIERS}


def all_tiers_clause(number: int) -> str:
    """``第五条至第七条第1款``: the same clause of all three tiers' articles."""
    return f"第五条至第七条第{number}款"


CLAUSE_1: Final = clause(1)
CLAUSE_2: Final = clause(2)
CLAUSE_3: Final = clause(3)
CLAUSE_4: Final = clause(4)
