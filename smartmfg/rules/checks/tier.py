"""What each tier must be (第五条至第七条, clause 3): workshops of a smart factory,
scenarios of a future factory, and the qualitative requirements experts judge."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ..articles import CLAUSE_3
from ..facts import SCENARIO_AREA_LABELS, TIER_LABELS, TIERS, ApplicationFacts, Scenario, Tier
from ..policy import Policy
from ..text import Lang, Lazy, Text
from .common import Check, describes

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "workshops_met": {
        "zh": "统一管理{count}个数字化车间（{workshops}），不少于{minimum}个",
        "en": "{count} digital workshops under unified management ({workshops}), at least {minimum}",
    },
    "workshops_short": {
        "zh": "统一管理的数字化车间为{count}个{workshops}，少于要求的{minimum}个",
        "en": "{count} digital workshop(s) under unified management{workshops}, fewer than the {minimum} required",
    },
    "scenarios_met": {
        "zh": "规划建设{count}个典型场景（{scenarios}），不少于{minimum}个",
        "en": "{count} typical scenarios planned or built ({scenarios}), at least {minimum}",
    },
    "scenarios_short": {
        "zh": "规划建设的典型场景为{count}个{scenarios}，少于要求的{minimum}个",
        "en": "{count} typical scenario(s) planned or built{scenarios}, fewer than the {minimum} required",
    },
    "merit_pass": {
        "zh": "专家评审认为符合{tier}的技术要求{note}",
        "en": "the experts found the technical requirements of a {tier} met{note}",
    },
    "merit_fail": {
        "zh": "专家评审认为不符合{tier}的技术要求{note}",
        "en": "the experts found the technical requirements of a {tier} not met{note}",
    },
    "merit.digital_workshop": {
        "zh": "须由专家评审判断：是否以生产对象所要求的工艺和设备为基础，"
        "以信息技术、自动化、测控技术等为手段，用数据连接车间不同单元，对生产运行过程进行规划、管理、诊断和优化",
        "en": "for the experts to judge: whether, on the basis of the processes and equipment the products "
        "require and by means of IT, automation and measurement and control, data connect the units of "
        "the workshop to plan, manage, diagnose and optimise production",
    },
    "merit.smart_factory": {
        "zh": "须由专家评审判断：是否通过系统集成、数据互通、人机交互、柔性制造以及信息分析优化等手段，"
        "实现对数字化车间的统一管理与协调生产，并将优化信息再次传送到车间，实现精准、柔性、高效、节能生产",
        "en": "for the experts to judge: whether system integration, data exchange, human-machine "
        "interaction, flexible manufacturing and information analysis bring the digital workshops under "
        "unified management and coordinated production, feeding optimisation back to the workshops",
    },
    "merit.future_factory": {
        "zh": "须由专家评审判断：是否突破关键技术装备，"
        "提炼形成一批可输出易复制的行业解决方案、知识模型和能力组件，有效赋能行业企业智能化升级",
        "en": "for the experts to judge: whether key technology and equipment were mastered and replicable "
        "industry solutions, knowledge models and capability components were distilled that help the "
        "industry upgrade",
    },
}

# Always the same per tier, so built once: the experts judge it (第九条).
_MERIT: Final[dict[Tier, Check]] = {
    tier: Check("technical_merit", CLAUSE_3[tier], "manual", f"merit.{tier}") for tier in TIERS
}


def workshop_count(facts: ApplicationFacts, policy: Policy) -> Check:
    """第六条第3款: a smart factory manages at least ``min_workshops`` digital
    workshops (distinct names: a name given twice is one workshop)."""
    names = tuple(dict.fromkeys(name.strip() for name in facts.project.workshops if name.strip()))
    data = {"count": len(names), "minimum": policy.min_workshops, "workshops": names}
    if len(names) >= policy.min_workshops:
        return Check("workshop_count", CLAUSE_3[facts.tier], "pass", "workshops_met", data)
    return Check("workshop_count", CLAUSE_3[facts.tier], "fail", "workshops_short", data)


def scenario_count(facts: ApplicationFacts, policy: Policy) -> Check:
    """第七条第3款: a future factory plans or builds at least ``min_scenarios``
    typical scenarios (distinct titles: a title given twice is one scenario)."""
    scenarios = _distinct_scenarios(facts.project.scenarios)
    data = {"count": len(scenarios), "minimum": policy.min_scenarios, "scenarios": scenarios}
    if len(scenarios) >= policy.min_scenarios:
        return Check("scenario_count", CLAUSE_3[facts.tier], "pass", "scenarios_met", data)
    return Check("scenario_count", CLAUSE_3[facts.tier], "fail", "scenarios_short", data)


def technical_merit(facts: ApplicationFacts, policy: Policy) -> Check:
    """第五条/第六条/第七条第3款: the qualitative requirements of the tier.

    ``manual`` until the experts judge it at the expert review (第九条); then
    their judgement.
    """
    judged = facts.judgement("technical_merit")
    if judged is None:
        return _MERIT[facts.tier]
    data = {"tier": facts.tier, "note": judged.note}
    return Check("technical_merit", CLAUSE_3[facts.tier], judged.result, f"merit_{judged.result}", data)


def _distinct_scenarios(scenarios: tuple[Scenario, ...]) -> tuple[tuple[str, str], ...]:
    seen: dict[str, tuple[str, str]] = {}
    for scenario in scenarios:
        title = scenario.title.strip()
        if title and title not in seen:
            seen[title] = (scenario.area, title)
    return tuple(seen.values())


@describes("workshop_count", "scenario_count", "technical_merit")
def _describe(reason: str, data: Mapping[str, Any]) -> Text:
    params = dict(data)
    bracket = reason.endswith("_short")
    if "workshops" in data:
        params["workshops"] = Lazy(_names, (data["workshops"], bracket))
    if "scenarios" in data:
        params["scenarios"] = Lazy(_scenarios, (data["scenarios"], bracket))
    if "tier" in data:
        params["tier"] = Text(TIER_LABELS, data["tier"])
        params["note"] = Lazy(_note, (data.get("note", ""),))
    return Text(MESSAGES, reason, params)


def _note(lang: Lang, note: str) -> str:
    if not note:
        return ""
    return f"：{note}" if lang == "zh" else f": {note}"


def _names(lang: Lang, names: tuple[str, ...], bracket: bool) -> str:
    listed = ("、" if lang == "zh" else ", ").join(names)
    if not bracket or not names:
        return listed
    return f"（{listed}）" if lang == "zh" else f" ({listed})"


def _scenarios(lang: Lang, scenarios: tuple[tuple[str, str], ...], bracket: bool) -> str:
    sep = "：" if lang == "zh" else ": "
    return _names(lang, tuple(f"{SCENARIO_AREA_LABELS[area][lang]}{sep}{title}" for area, title in scenarios), bracket)
