"""What an application says about itself: the input of the eligibility core.

Plain frozen records, already validated (``schema.parse_application`` builds
them from the import format; the Django side builds them from its rows). The
label tables below are the single source of the enumerations: each is a
``Text`` catalogue (``{code: {"zh": ..., "en": ...}}``) in display order, so
``Text(TIER_LABELS, "smart_factory").render("en")`` works, and ``choices()``
turns one into Django-style choices.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal, TypeVar, get_args

from .text import Lang

Tier = Literal["digital_workshop", "smart_factory", "future_factory"]
LegalStatus = Literal["independent", "branch"]
CreditRating = Literal["excellent", "good", "qualified", "unqualified"]
IncidentKind = Literal["safety", "quality", "environment"]
ProjectStatus = Literal["in_production", "under_construction"]
InvestmentCategory = Literal["equipment", "software", "consulting_services", "civil_works", "plant_building"]
InvestmentStatus = Literal["completed", "planned"]
ScenarioArea = Literal[
    "new_gen_it",
    "digital_design",
    "intelligent_production",
    "lean_management",
    "green_manufacturing",
    "networked_collaboration",
    "personalized_customization",
    "service_extension",
    "model_based_development",
    "smart_supply_chain",
    "other",
]
Track = Literal["recognition", "cultivation"]
JudgementResult = Literal["pass", "fail"]

# Tables are keyed by plain ``str`` so they fit ``Text`` (a Mapping's key type is invariant).
Labels = Mapping[str, Mapping[Lang, str]]

# 第三条: the ladder, lowest first.
TIER_LABELS: Final[dict[str, dict[Lang, str]]] = {
    "digital_workshop": {"zh": "数字化车间（生产线）", "en": "digital workshop (production line)"},
    "smart_factory": {"zh": "智能工厂", "en": "smart factory"},
    "future_factory": {"zh": "未来工厂", "en": "future factory"},
}

LEGAL_STATUS_LABELS: Final[dict[str, dict[Lang, str]]] = {
    "independent": {"zh": "独立法人", "en": "independent legal person"},
    "branch": {"zh": "非独立法人机构", "en": "non-independent entity (e.g. a branch)"},
}

# Best first: a lower index is a better rating.
CREDIT_RATING_LABELS: Final[dict[str, dict[Lang, str]]] = {
    "excellent": {"zh": "优秀", "en": "excellent"},
    "good": {"zh": "良好", "en": "good"},
    "qualified": {"zh": "合格", "en": "qualified"},
    "unqualified": {"zh": "不合格", "en": "unqualified"},
}

INCIDENT_KIND_LABELS: Final[dict[str, dict[Lang, str]]] = {
    "safety": {"zh": "安全", "en": "safety"},
    "quality": {"zh": "质量", "en": "quality"},
    "environment": {"zh": "环境", "en": "environment"},
}

PROJECT_STATUS_LABELS: Final[dict[str, dict[Lang, str]]] = {
    "in_production": {"zh": "已建成投产", "en": "built and in production"},
    "under_construction": {"zh": "正在实施改造", "en": "under construction"},
}

INVESTMENT_CATEGORY_LABELS: Final[dict[str, dict[Lang, str]]] = {
    "equipment": {"zh": "设备购置", "en": "equipment purchase"},
    "software": {"zh": "软件购置", "en": "software purchase"},
    "consulting_services": {"zh": "其他技术咨询与服务费", "en": "other technology consulting and services"},
    "civil_works": {"zh": "土建", "en": "civil works"},
    "plant_building": {"zh": "厂房", "en": "plant buildings"},
}

INVESTMENT_STATUS_LABELS: Final[dict[str, dict[Lang, str]]] = {
    "completed": {"zh": "已完成（已支付并开票）", "en": "completed (paid and invoiced)"},
    "planned": {"zh": "计划", "en": "planned"},
}

# 第七条第3款 lists ten areas and ends with 等, hence ``other``.
SCENARIO_AREA_LABELS: Final[dict[str, dict[Lang, str]]] = {
    "new_gen_it": {"zh": "新一代信息技术应用", "en": "new-generation IT"},
    "digital_design": {"zh": "数字化设计", "en": "digital design"},
    "intelligent_production": {"zh": "智能化生产", "en": "intelligent production"},
    "lean_management": {"zh": "精益化管理", "en": "lean management"},
    "green_manufacturing": {"zh": "绿色化制造", "en": "green manufacturing"},
    "networked_collaboration": {"zh": "网络化协同", "en": "networked collaboration"},
    "personalized_customization": {"zh": "个性化定制", "en": "personalised customisation"},
    "service_extension": {"zh": "服务化延伸", "en": "service extension"},
    "model_based_development": {"zh": "模型化发展", "en": "model-based development"},
    "smart_supply_chain": {"zh": "智慧供应链", "en": "smart supply chain"},
    "other": {"zh": "其他", "en": "other"},
}

TRACK_LABELS: Final[dict[str, dict[Lang, str]]] = {
    "recognition": {"zh": "认定", "en": "recognition"},
    "cultivation": {"zh": "培育阶段", "en": "cultivation stage"},
}

# GB/T 39116-2020, keyed by the level as an integer (an IntegerField's choices).
MATURITY_LEVEL_LABELS: Final[dict[int, dict[Lang, str]]] = {
    1: {"zh": "规划级", "en": "planning"},
    2: {"zh": "规范级", "en": "standardised"},
    3: {"zh": "集成级", "en": "integrated"},
    4: {"zh": "优化级", "en": "optimised"},
    5: {"zh": "引领级", "en": "leading"},
}
MATURITY_LEVELS: Final[tuple[int, ...]] = tuple(MATURITY_LEVEL_LABELS)
# The same labels keyed by text, for ``Text`` (whose catalogue keys are strings).
MATURITY_LEVEL_TEXT: Final[dict[str, dict[Lang, str]]] = {str(k): v for k, v in MATURITY_LEVEL_LABELS.items()}

TIERS: Final[tuple[Tier, ...]] = get_args(Tier)
LEGAL_STATUSES: Final[tuple[LegalStatus, ...]] = get_args(LegalStatus)
CREDIT_RATINGS: Final[tuple[CreditRating, ...]] = get_args(CreditRating)
INCIDENT_KINDS: Final[tuple[IncidentKind, ...]] = get_args(IncidentKind)
PROJECT_STATUSES: Final[tuple[ProjectStatus, ...]] = get_args(ProjectStatus)
INVESTMENT_CATEGORIES: Final[tuple[InvestmentCategory, ...]] = get_args(InvestmentCategory)
INVESTMENT_STATUSES: Final[tuple[InvestmentStatus, ...]] = get_args(InvestmentStatus)
SCENARIO_AREAS: Final[tuple[ScenarioArea, ...]] = get_args(ScenarioArea)
TRACKS: Final[tuple[Track, ...]] = get_args(Track)

# Each table lists exactly its type's codes, in the same order (the order shown).
for _codes, _table in (
    (TIERS, TIER_LABELS),
    (LEGAL_STATUSES, LEGAL_STATUS_LABELS),
    (CREDIT_RATINGS, CREDIT_RATING_LABELS),
    (INCIDENT_KINDS, INCIDENT_KIND_LABELS),
    (PROJECT_STATUSES, PROJECT_STATUS_LABELS),
    (INVESTMENT_CATEGORIES, INVESTMENT_CATEGORY_LABELS),
    (INVESTMENT_STATUSES, INVESTMENT_STATUS_LABELS),
    (SCENARIO_AREAS, SCENARIO_AREA_LABELS),
    (TRACKS, TRACK_LABELS),
):
    assert _codes == tuple(_table), _codes

K = TypeVar("K", str, int)


def choices(table: Mapping[K, Mapping[Lang, str]], lang: Lang = "zh") -> list[tuple[K, str]]:
    """``[(code, label), ...]`` in the table's order, e.g. for a model field's choices."""
    return [(code, labels[lang]) for code, labels in table.items()]


@dataclass(frozen=True, slots=True)
class EnterpriseFacts:
    name: str
    uscc: str
    legal_status: LegalStatus
    pays_tax_in_province: bool
    region_code: str


@dataclass(frozen=True, slots=True)
class CreditCheckFacts:
    """The credit check result (企业信用核查结果) and the two lists of definition (八)."""

    rating: CreditRating
    on_abnormal_list: bool
    on_serious_dishonesty_list: bool
    checked_on: dt.date


@dataclass(frozen=True, slots=True)
class Violation:
    """An unlawful act (违法行为) on record."""

    date: dt.date
    description: str


@dataclass(frozen=True, slots=True)
class MajorIncident:
    """A major safety, quality or environmental problem."""

    date: dt.date
    kind: IncidentKind
    description: str


@dataclass(frozen=True, slots=True)
class Revocation:
    """A recognition revoked for fraud (第十二条), dated by the revocation."""

    date: dt.date
    reason: str


@dataclass(frozen=True, slots=True)
class Scenario:
    area: ScenarioArea
    title: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectFacts:
    name: str
    region_code: str
    status: ProjectStatus
    production_started_on: dt.date | None = None
    expected_completion_on: dt.date | None = None
    workshops: tuple[str, ...] = ()
    scenarios: tuple[Scenario, ...] = ()


@dataclass(frozen=True, slots=True)
class InvestmentFacts:
    """One investment item; ``date`` is when it was paid, or is due when planned."""

    date: dt.date
    category: InvestmentCategory
    amount: Decimal
    status: InvestmentStatus
    invoice_no: str = ""


@dataclass(frozen=True, slots=True)
class MaturityFacts:
    """The GB/T 39116-2020 self-assessment on the national platform."""

    level: int
    score: Decimal | None = None
    assessed_on: dt.date | None = None
    report_no: str | None = None


@dataclass(frozen=True, slots=True)
class ManualJudgement:
    """A person's judgement of a ``manual`` rule: the local bureau's of ``operations_finance``
    (第四条, at the initial review), the experts' of ``technical_merit`` (第五条至第七条第3款)."""

    rule: str
    result: JudgementResult
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ApplicationFacts:
    """One application as judged on ``applied_on`` (keyword construction only).

    ``judged_on`` is the day the records are read as they stand, when later
    than the application date (a step of the review judges again then): the
    windows of 第四条 and 第十二条 still count back from ``applied_on``, and
    reach to ``judged_on``, so an unlawful act, an incident or a revocation
    recorded after the application was made is not overlooked.
    ``judgements`` are the latest person's judgement of each manual rule.
    """

    tier: Tier
    applied_on: dt.date
    judged_on: dt.date | None = None
    enterprise: EnterpriseFacts
    credit_check: CreditCheckFacts | None = None
    violations: tuple[Violation, ...] = ()
    major_incidents: tuple[MajorIncident, ...] = ()
    revocations: tuple[Revocation, ...] = ()
    project: ProjectFacts
    investments: tuple[InvestmentFacts, ...] = ()
    maturity: MaturityFacts | None = None
    judgements: tuple[ManualJudgement, ...] = ()

    @property
    def records_until(self) -> dt.date:
        """The last day of the record windows: the application date, or the later day of judging."""
        if self.judged_on is None or self.judged_on < self.applied_on:
            return self.applied_on
        return self.judged_on

    def judgement(self, rule: str) -> ManualJudgement | None:
        """The judgement of a manual ``rule``, if a person has made one."""
        for judgement in self.judgements:
            if judgement.rule == rule:
                return judgement
        return None
