"""The credit check (第四条 and definition (八))."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ..articles import ARTICLE_4, ARTICLE_4_DEFINITION_8
from ..facts import CREDIT_RATING_LABELS, CREDIT_RATINGS, TIER_LABELS, ApplicationFacts
from ..policy import Policy
from ..text import Lang, Text
from .common import Check, describes

# Best first, so a rating is good enough when its rank is not greater.
RANK: Final[dict[str, int]] = {rating: rank for rank, rating in enumerate(CREDIT_RATINGS)}

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "no_check": {
        "zh": "没有企业信用核查结果，不能认定信用符合要求",
        "en": "no credit check on record, so the credit requirement cannot be taken as met",
    },
    "rating_met": {
        "zh": "企业信用核查结果为{rating}（{checked_on}核查），{tier}要求{minimum}以上，符合要求",
        "en": "the credit check result is {rating} (checked on {checked_on}); a {tier} needs {minimum} "
        "or better, which it meets",
    },
    "rating_below": {
        "zh": "企业信用核查结果为{rating}（{checked_on}核查），低于{tier}要求的{minimum}以上",
        "en": "the credit check result is {rating} (checked on {checked_on}), below the {minimum} "
        "or better that a {tier} needs",
    },
    "no_check_lists": {
        "zh": "没有企业信用核查结果，无法确认未被列入经营异常名录和严重失信主体名单",
        "en": "no credit check on record, so it cannot be confirmed that the enterprise is on neither "
        "the abnormal-operations list nor the serious-dishonesty list",
    },
    "not_listed": {
        "zh": "未被列入经营异常名录和严重失信主体名单（{checked_on}核查）",
        "en": "on neither the abnormal-operations list nor the serious-dishonesty list (checked on {checked_on})",
    },
    "listed": {
        "zh": "被列入{lists}（{checked_on}核查）",
        "en": "on {lists} (checked on {checked_on})",
    },
    "abnormal": {
        "zh": "经营异常名录（以国家企业信用信息公示系统查询结果为准）",
        "en": "the abnormal-operations list (per the National Enterprise Credit Information Publicity System)",
    },
    "dishonest": {
        "zh": "严重失信主体名单（以信用中国查询结果为准）",
        "en": "the serious-dishonesty list (per Credit China)",
    },
}


def credit_rating(facts: ApplicationFacts, policy: Policy) -> Check:
    """第四条: the credit check result (企业信用核查结果) is at least the tier's
    minimum (未来工厂良好以上，智能工厂、数字化车间合格以上).

    No credit check on record: fail; nothing is assumed in the applicant's favour.
    """
    check = facts.credit_check
    minimum = policy.min_credit_rating[facts.tier]
    if check is None:
        return Check("credit_rating", ARTICLE_4, "fail", "no_check", {"tier": facts.tier, "minimum": minimum})
    data = {"rating": check.rating, "minimum": minimum, "checked_on": check.checked_on, "tier": facts.tier}
    if RANK[check.rating] <= RANK[minimum]:
        return Check("credit_rating", ARTICLE_4, "pass", "rating_met", data)
    return Check("credit_rating", ARTICLE_4, "fail", "rating_below", data)


def credit_lists(facts: ApplicationFacts, policy: Policy) -> Check:
    """第四条；定义（八）: on neither the abnormal-operations list (经营异常名录, per
    gsxt.gov.cn) nor the serious-dishonesty list (严重失信主体名单, per
    creditchina.gov.cn). No credit check on record: fail."""
    check = facts.credit_check
    if check is None:
        return Check("credit_lists", ARTICLE_4_DEFINITION_8, "fail", "no_check_lists")
    data = {
        "on_abnormal_list": check.on_abnormal_list,
        "on_serious_dishonesty_list": check.on_serious_dishonesty_list,
        "checked_on": check.checked_on,
    }
    if check.on_abnormal_list or check.on_serious_dishonesty_list:
        return Check("credit_lists", ARTICLE_4_DEFINITION_8, "fail", "listed", data)
    return Check("credit_lists", ARTICLE_4_DEFINITION_8, "pass", "not_listed", data)


@describes("credit_rating", "credit_lists")
def _describe(reason: str, data: Mapping[str, Any]) -> Text:
    params = dict(data)
    if "rating" in data:
        params["rating"] = Text(CREDIT_RATING_LABELS, data["rating"])
    if "minimum" in data:
        params["minimum"] = Text(CREDIT_RATING_LABELS, data["minimum"])
        params["tier"] = Text(TIER_LABELS, data["tier"])
    if reason == "listed":
        flags = (("abnormal", data["on_abnormal_list"]), ("dishonest", data["on_serious_dishonesty_list"]))
        params["lists"] = [Text(MESSAGES, key) for key, on in flags if on]
    return Text(MESSAGES, reason, params)
