"""Who may apply and where the project must be (第四条)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ..articles import ARTICLE_4
from ..divisions import full_name
from ..facts import ApplicationFacts
from ..identifiers import uscc_error
from ..policy import Policy
from ..text import Lang, Lazy, Text
from .common import Check, describes

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "independent": {
        "zh": "申报主体为依法登记注册的独立法人（统一社会信用代码{uscc}）",
        "en": "the applicant is a registered independent legal person (unified social credit code {uscc})",
    },
    "branch_taxed": {
        "zh": "申报主体为在我省依法纳税的非独立法人机构（统一社会信用代码{uscc}）",
        "en": "the applicant is a non-independent entity that pays tax in the province "
        "(unified social credit code {uscc})",
    },
    "branch_untaxed": {
        "zh": "申报主体为非独立法人机构，但未在我省依法纳税；只有独立法人或在我省依法纳税的非独立法人机构可以申报",
        "en": "the applicant is a non-independent entity that does not pay tax in the province; only an "
        "independent legal person or a non-independent entity paying tax in the province may apply",
    },
    "invalid_uscc": {
        "zh": "统一社会信用代码“{uscc}”无效（{problem}），不能确认依法登记注册",
        "en": "the unified social credit code '{uscc}' is not valid ({problem}), so registration cannot be confirmed",
    },
    "in_province": {
        "zh": "项目建设地点{place}在省内（行政区划代码以{province_code}开头）",
        "en": "the project is built at {place}, inside the province (division code starting with {province_code})",
    },
    "outside_province": {
        "zh": "项目建设地点的行政区划代码为{region_code}，不在省内（应以{province_code}开头）；"
        "申报项目应在省内建设实施",
        "en": "the project's division code is {region_code}, outside the province "
        "(it should start with {province_code}); the project must be built and run in the province",
    },
}


def legal_entity(facts: ApplicationFacts, policy: Policy) -> Check:
    """第四条: registered, and an independent legal person or a non-independent
    entity (e.g. a branch) that pays tax in the province.

    A code that fails GB 32100 does not show registration: fail.
    """
    enterprise = facts.enterprise
    data = {
        "uscc": enterprise.uscc,
        "legal_status": enterprise.legal_status,
        "pays_tax_in_province": enterprise.pays_tax_in_province,
    }
    if uscc_error(enterprise.uscc) is not None:
        return Check("legal_entity", ARTICLE_4, "fail", "invalid_uscc", data)
    if enterprise.legal_status == "independent":
        return Check("legal_entity", ARTICLE_4, "pass", "independent", data)
    if enterprise.pays_tax_in_province:
        return Check("legal_entity", ARTICLE_4, "pass", "branch_taxed", data)
    return Check("legal_entity", ARTICLE_4, "fail", "branch_untaxed", data)


def project_in_province(facts: ApplicationFacts, policy: Policy) -> Check:
    """第四条: the project is built and run in the province (its GB/T 2260 code
    starts with ``province_code``)."""
    code = facts.project.region_code
    data = {"region_code": code, "province_code": policy.province_code}
    if code.startswith(policy.province_code):
        return Check("project_in_province", ARTICLE_4, "pass", "in_province", data)
    return Check("project_in_province", ARTICLE_4, "fail", "outside_province", data)


@describes("legal_entity", "project_in_province")
def _describe(reason: str, data: Mapping[str, Any]) -> Text:
    params = dict(data)
    if reason == "invalid_uscc":
        params["problem"] = uscc_error(data["uscc"])
    if reason == "in_province":
        params["place"] = Lazy(_place, (data["region_code"],))
    return Text(MESSAGES, reason, params)


def _place(lang: Lang, code: str) -> str:
    name = full_name(code)
    if lang == "en" or name == code:
        return code
    return f"{name}（{code}）"
