"""Intelligent-manufacturing maturity (GB/T 39116-2020) and the self-assessment
on the national platform (第五条至第七条, clauses 2 and 4)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ..articles import CLAUSE_2, CLAUSE_4
from ..facts import MATURITY_LEVEL_TEXT, TIER_LABELS, ApplicationFacts
from ..policy import Policy
from ..text import Lang, Text
from .common import Check, describes

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "no_maturity": {
        "zh": "没有智能制造能力成熟度评估结果，不能认定达到{tier}要求的{low}级",
        "en": "no maturity assessment on record, so level {low} required of a {tier} cannot be taken as met",
    },
    "level_met": {
        "zh": "智能制造能力成熟度为{level}级（{label}），{tier}参照{low}－{high}级要求，达到最低的{low}级{above}",
        "en": "maturity level {level} ({label}); a {tier} follows the level {low}–{high} requirements and "
        "reaches the lower end, level {low}{above}",
    },
    "level_below": {
        "zh": "智能制造能力成熟度为{level}级（{label}），低于{tier}要求的{low}级（参照{low}－{high}级要求）",
        "en": "maturity level {level} ({label}), below the level {low} required of a {tier} "
        "(which follows the level {low}–{high} requirements)",
    },
    "above": {
        "zh": "（高于参考范围上限{high}级，仅作参考）",
        "en": " (above the upper end {high} of the range, which is informative only)",
    },
    "no_assessment": {
        "zh": "没有在“智能制造评估评价公共服务平台”完成自评估的记录",
        "en": "no record of the self-assessment on the national intelligent-manufacturing assessment platform",
    },
    "no_report": {
        "zh": "缺少自评估报告编号，不能确认已在“智能制造评估评价公共服务平台”完成自评估",
        "en": "the self-assessment has no report number, so it cannot be confirmed as completed on the "
        "national platform",
    },
    "no_date": {
        "zh": "缺少自评估完成日期（报告编号{report_no}），不能确认已完成自评估",
        "en": "the self-assessment (report {report_no}) has no date, so it cannot be confirmed as completed",
    },
    "late_date": {
        "zh": "自评估日期{assessed_on}晚于申报日期{applied_on}，申报时尚未完成自评估",
        "en": "the self-assessment is dated {assessed_on}, after the application date {applied_on}: "
        "it was not completed when applying",
    },
    "assessed": {
        "zh": "已在“智能制造评估评价公共服务平台”完成自评估（报告编号{report_no}，{assessed_on}）",
        "en": "self-assessment completed on the national platform (report {report_no}, {assessed_on})",
    },
}


def maturity_level(facts: ApplicationFacts, policy: Policy) -> Check:
    """第五条/第六条/第七条第2款: the GB/T 39116-2020 maturity level reaches the
    lower end of the tier's range (1–2, 2–3, 3–4); the upper end is informative.

    No assessment on record: fail.
    """
    tier = facts.tier
    low, high = policy.min_maturity_level[tier], policy.max_maturity_level[tier]
    maturity = facts.maturity
    if maturity is None:
        data = {"tier": tier, "level": None, "low": low, "high": high}
        return Check("maturity_level", CLAUSE_2[tier], "fail", "no_maturity", data)
    data = {"tier": tier, "level": maturity.level, "low": low, "high": high}
    if maturity.level >= low:
        return Check("maturity_level", CLAUSE_2[tier], "pass", "level_met", data)
    return Check("maturity_level", CLAUSE_2[tier], "fail", "level_below", data)


def self_assessment(facts: ApplicationFacts, policy: Policy) -> Check:
    """第五条/第六条/第七条第4款: the self-assessment was completed on the national
    智能制造评估评价公共服务平台 by the application date: a report number and a
    date not after the application date are recorded."""
    maturity = facts.maturity
    if maturity is None:
        return Check("self_assessment", CLAUSE_4[facts.tier], "fail", "no_assessment")
    data = {
        "report_no": maturity.report_no,
        "assessed_on": maturity.assessed_on,
        "applied_on": facts.applied_on,
    }
    reason = _assessment_problem(maturity.report_no, maturity.assessed_on, facts)
    return Check("self_assessment", CLAUSE_4[facts.tier], "fail" if reason else "pass", reason or "assessed", data)


def _assessment_problem(report_no: str | None, assessed_on: Any, facts: ApplicationFacts) -> str:
    if not report_no:
        return "no_report"
    if assessed_on is None:
        return "no_date"
    return "late_date" if assessed_on > facts.applied_on else ""


@describes("maturity_level", "self_assessment")
def _describe(reason: str, data: Mapping[str, Any]) -> Text:
    params = dict(data)
    if "tier" in data:
        params["tier"] = Text(TIER_LABELS, data["tier"])
    level = data.get("level")
    if level is not None:
        params["label"] = Text(MATURITY_LEVEL_TEXT, str(level)) if str(level) in MATURITY_LEVEL_TEXT else "?"
        params["above"] = Text(MESSAGES, "above", data) if level > data["high"] else ""
    return Text(MESSAGES, reason, params)
