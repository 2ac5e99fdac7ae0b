"""Importing applications received on paper or from another system (第八条).

The Department enters them in the import format (``rules.schema``), with the
same validation as the eligibility command and the API. Each valid document
becomes, in one transaction:

1. its enterprise, found by credit code or created (its bureau from its
   region code: the jurisdiction with that code, or the nearest one above it;
   梅河口市 is its own);
2. the records about the enterprise (credit check, unlawful acts, incidents,
   revocations), appended with source “导入” and the importer as recorder;
   a record already on file with the same content is not added twice;
3. a new application in the call, with its project, investments, workshops,
   scenarios and maturity (refused when the enterprise already has one for
   that tier in that call);
4. the workflow step ``import_submission`` (draft → submitted at the local
   bureau) with a submission snapshot exactly like an online submission,
   dated by the document's ``applied_on``.

An invalid document changes nothing and is reported with the path of every
field at fault; the others are imported all the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from django.db.models import Model

from smartmfg.applications.models import Application, InvestmentItem, Scenario, Workshop
from smartmfg.enterprises import models as records
from smartmfg.enterprises.models import Enterprise
from smartmfg.jurisdictions.models import Jurisdiction
from smartmfg.rules.divisions import JILIN_DIVISIONS
from smartmfg.rules.facts import ApplicationFacts
from smartmfg.rules.schema import FieldError
from smartmfg.rules.text import Lang, Text

SOURCE: Final = "导入"

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "too_long": {
        "zh": "不能超过{limit}个字符，实际为{length}个",
        "en": "must not be longer than {limit} characters ({length} given)",
    },
    "score_places": {
        "zh": "成熟度得分最多保留两位小数，实际为{value}",
        "en": "the maturity score takes at most two decimals, not {value}",
    },
    "tier_not_offered": {
        "zh": "本批次不受理“{tier}”的申报",
        "en": "this call does not take applications for '{tier}'",
    },
    "duplicate": {
        "zh": "该企业在本批次已有“{tier}”的申报（{reference}），不能重复导入",
        "en": "the enterprise already has an application for '{tier}' in this call ({reference})",
    },
    "conflict": {
        "zh": "同一企业的数据正由他人同时导入，请稍后重试",
        "en": "the same enterprise is being imported by someone else at this moment; try again",
    },
    "no_bureau": {
        "zh": "无法由行政区划代码{code}确定属地工信部门（应为吉林省内的市（州）或县（市、区）代码）",
        "en": "no local bureau can be found for division code {code} (it must be a prefecture or county code of Jilin)",
    },
}


def _error(path: str, key: str, **params: Any) -> FieldError:
    return FieldError(path, Text(MESSAGES, key, params))


# ------------------------------------------------------------------ outcomes


@dataclass(frozen=True)
class Outcome:
    """What became of one document: the application imported, or every problem found."""

    source: str
    application: Application | None = None
    errors: tuple[FieldError, ...] = ()

    @property
    def imported(self) -> bool:
        return self.application is not None

    def messages(self, lang: Lang = "zh") -> list[dict[str, str]]:
        return [{"path": e.path, "message": e.message.render(lang)} for e in self.errors]


# ----------------------------------------------------------------- one document


# ---------------------------------------------------------------- enterprise


def bureau_for(code: str) -> Jurisdiction | None:
    """The local bureau of a division: the one with that code, or the nearest above it.

    Never the Department itself: a code that only says “Jilin” names no bureau.
    """
    bureaus = {j.code: j for j in Jurisdiction.objects.filter(parent__isnull=False, is_active=True, code__isnull=False)}
    division = JILIN_DIVISIONS.get(code)
    while division is not None:
        if division.code in bureaus:
            return bureaus[division.code]
        division = JILIN_DIVISIONS.get(division.parent) if division.parent else None
    return None


_RECORD_FIELDS: Final[dict[type[Model], tuple[str, ...]]] = {
    records.CreditCheck: ("rating", "on_abnormal_list", "on_serious_dishonesty_list", "checked_on"),
    records.Violation: ("occurred_on", "description"),
    records.MajorIncident: ("occurred_on", "kind", "description"),
    records.Revocation: ("revoked_on", "reason"),
}


# ------------------------------------------------------------- stored fields


def application_fields(facts: ApplicationFacts) -> dict[str, Any]:
    """The columns of the application row that the document gives."""
    project, maturity = facts.project, facts.maturity
    return {
        "project_name": project.name,
        "project_division": project.region_code,
        "construction_status": project.status,
        "production_started_on": project.production_started_on,
        "expected_completion_on": project.expected_completion_on,
        "maturity_level": maturity.level if maturity else None,
        "maturity_score": maturity.score if maturity else None,
        "maturity_assessed_on": maturity.assessed_on if maturity else None,
        "maturity_report_no": (maturity.report_no or "") if maturity else "",
    }


def investment_rows(application: Application, facts: ApplicationFacts) -> list[InvestmentItem]:
    return [
        InvestmentItem(
            application=application,
            position=position,
            occurred_on=item.date,
            category=item.category,
            amount=item.amount,
            status=item.status,
            invoice_no=item.invoice_no,
        )
        for position, item in enumerate(facts.investments, 1)
    ]


def workshop_rows(application: Application, facts: ApplicationFacts) -> list[Workshop]:
    return [
        Workshop(application=application, position=i, name=name) for i, name in enumerate(facts.project.workshops, 1)
    ]


def scenario_rows(application: Application, facts: ApplicationFacts) -> list[Scenario]:
    return [
        Scenario(application=application, position=i, area=s.area, title=s.title)
        for i, s in enumerate(facts.project.scenarios, 1)
    ]


def _limit(model: type[Model], name: str) -> int:
    limit = model._meta.get_field(name).max_length  # type: ignore[union-attr]
    assert limit is not None
    return int(limit)


def storable_problems(facts: ApplicationFacts) -> list[FieldError]:
    """What a valid document holds that the platform cannot store as given (lengths, the score's places)."""
    texts: list[tuple[str, str, int]] = [
        ("enterprise.name", facts.enterprise.name, _limit(Enterprise, "name")),
        ("project.name", facts.project.name, _limit(Application, "project_name")),
    ]
    texts += [
        (f"project.workshops[{i}].name", name, _limit(Workshop, "name"))
        for i, name in enumerate(facts.project.workshops)
    ]
    texts += [
        (f"project.scenarios[{i}].title", s.title, _limit(Scenario, "title"))
        for i, s in enumerate(facts.project.scenarios)
    ]
    texts += [
        (f"investments[{i}].invoice_no", item.invoice_no, _limit(InvestmentItem, "invoice_no"))
        for i, item in enumerate(facts.investments)
    ]
    if facts.maturity is not None and facts.maturity.report_no:
        texts.append(("maturity.report_no", facts.maturity.report_no, _limit(Application, "maturity_report_no")))
    problems = [
        _error(path, "too_long", limit=limit, length=len(text)) for path, text, limit in texts if len(text) > limit
    ]
    score = facts.maturity.score if facts.maturity is not None else None
    if score is not None and score != score.quantize(Decimal("0.01")):
        problems.append(_error("maturity.score", "score_places", value=str(score)))
    return problems


def error_lines(errors: Sequence[FieldError], source: str, lang: Lang = "zh") -> list[str]:
    """``source: path: message`` per error, as the commands print them."""
    return [f"{source}: {error.render(lang)}" for error in errors]
