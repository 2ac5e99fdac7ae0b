"""The eligibility rules of domain.md §3, one table in the table's order.

Each rule is a function ``(facts, policy) -> Check`` in a module of its group;
``RULES`` says which tiers it applies to. The engine runs, per tier, the
rules of this table in this order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from ..articles import ARTICLE_4, ARTICLE_4_DEFINITION_8, ARTICLE_12, CLAUSE_3, all_tiers_clause
from ..facts import TIERS, ApplicationFacts, Tier
from ..policy import Policy
from ..text import Lang
from . import conduct, credit, entity, investment, maturity, tier
from .common import RESULTS, Check, Result

RuleFunction = Callable[[ApplicationFacts, Policy], Check]

ALL: Final[frozenset[Tier]] = frozenset(TIERS)


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the table: stable id, tiers, article as cited in the table, function."""

    id: str
    tiers: frozenset[Tier]
    article: str
    check: RuleFunction


RULES: Final[tuple[Rule, ...]] = (
    Rule("legal_entity", ALL, ARTICLE_4, entity.legal_entity),
    Rule("project_in_province", ALL, ARTICLE_4, entity.project_in_province),
    Rule("operations_finance", ALL, ARTICLE_4, conduct.operations_finance),
    Rule("no_violations", ALL, ARTICLE_4, conduct.no_violations),
    Rule("no_major_incidents", ALL, ARTICLE_4, conduct.no_major_incidents),
    Rule("credit_rating", ALL, ARTICLE_4, credit.credit_rating),
    Rule("credit_lists", ALL, ARTICLE_4_DEFINITION_8, credit.credit_lists),
    Rule("not_banned", ALL, ARTICLE_12, conduct.not_banned),
    Rule("construction_status", ALL, all_tiers_clause(1), investment.construction_status),
    Rule("investment_threshold", ALL, all_tiers_clause(1), investment.investment_threshold),
    Rule("maturity_level", ALL, all_tiers_clause(2), maturity.maturity_level),
    Rule("self_assessment", ALL, all_tiers_clause(4), maturity.self_assessment),
    Rule("workshop_count", frozenset({"smart_factory"}), CLAUSE_3["smart_factory"], tier.workshop_count),
    Rule("scenario_count", frozenset({"future_factory"}), CLAUSE_3["future_factory"], tier.scenario_count),
    Rule("technical_merit", ALL, all_tiers_clause(3), tier.technical_merit),
)
RULE_IDS: Final[tuple[str, ...]] = tuple(rule.id for rule in RULES)

RULE_LABELS: Final[dict[str, dict[Lang, str]]] = {
    "legal_entity": {"zh": "申报主体资格", "en": "legal entity"},
    "project_in_province": {"zh": "项目在省内建设实施", "en": "project in the province"},
    "operations_finance": {"zh": "生产运营和财务状况良好", "en": "operations and finances in good order"},
    "no_violations": {"zh": "近年无违法行为", "en": "no unlawful act"},
    "no_major_incidents": {"zh": "近年未发生重大问题", "en": "no major incident"},
    "credit_rating": {"zh": "企业信用核查结果", "en": "credit check result"},
    "credit_lists": {"zh": "未列入经营异常名录和严重失信主体名单", "en": "not on the credit blacklists"},
    "not_banned": {"zh": "未因弄虚作假被撤销认定", "en": "not banned after a revocation"},
    "construction_status": {"zh": "建成投产或纳入培育阶段", "en": "construction status"},
    "investment_threshold": {"zh": "软硬件完成投资", "en": "investment threshold"},
    "maturity_level": {"zh": "智能制造能力成熟度", "en": "maturity level"},
    "self_assessment": {"zh": "成熟度自评估", "en": "self-assessment"},
    "workshop_count": {"zh": "数字化车间数量", "en": "number of digital workshops"},
    "scenario_count": {"zh": "典型场景数量", "en": "number of typical scenarios"},
    "technical_merit": {"zh": "技术要求（专家评审）", "en": "technical merit (expert review)"},
}

__all__ = [
    "RESULTS",
    "RULES",
    "RULE_IDS",
    "RULE_LABELS",
    "Check",
    "Result",
    "Rule",
    "RuleFunction",
]
