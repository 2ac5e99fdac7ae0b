"""The import format of applications (JSON), its validation and its export.

One application is one JSON object (see ``ApplicationDocument``); a file may
hold one object or an array of them. Validation is strict and explains itself
in Chinese and English: every problem is a ``FieldError`` whose ``path`` looks
like ``investments[1].amount`` and whose message is ours, never the
validation library's English.

Money never passes through binary floating point: documents are read with
``parse_float=Decimal``, so a JSON number with a fraction or an exponent
arrives as a ``Decimal`` (or a ``float`` from other JSON readers) and an amount
given that way is refused; amounts are decimal strings or integers of yuan.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from .facts import (
    CREDIT_RATING_LABELS,
    INCIDENT_KIND_LABELS,
    INVESTMENT_CATEGORY_LABELS,
    INVESTMENT_STATUS_LABELS,
    LEGAL_STATUS_LABELS,
    PROJECT_STATUS_LABELS,
    SCENARIO_AREA_LABELS,
    TIER_LABELS,
    ApplicationFacts,
    CreditCheckFacts,
    CreditRating,
    EnterpriseFacts,
    IncidentKind,
    InvestmentCategory,
    InvestmentFacts,
    InvestmentStatus,
    LegalStatus,
    MajorIncident,
    MaturityFacts,
    ProjectFacts,
    ProjectStatus,
    Revocation,
    Scenario,
    ScenarioArea,
    Tier,
    Violation,
)
from .identifiers import MESSAGES as USCC_MESSAGES
from .import_fields import (
    MESSAGES,
    Amount,
    Date,
    Flag,
    MaturityLevel,
    MaturityScore,
    OptionalDate,
    OptionalText,
    RegionCode,
    RequiredText,
    TextField,
    UsccCode,
    as_list,
    one_of,
)
from .text import Lang, Text

# Errors ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem of a document: where (``investments[1].amount``; empty for the
    whole document) and what, in both languages."""

    path: str
    message: Text

    def render(self, lang: Lang = "zh") -> str:
        text = self.message.render(lang)
        return f"{self.path}: {text}" if self.path else text


class InvalidApplication(ValueError):
    """A document that is not a valid application; ``errors`` lists every problem."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__(self.render("zh"))

    def render(self, lang: Lang = "zh") -> str:
        return "\n".join(error.render(lang) for error in self.errors)

    def to_list(self, lang: Lang = "zh") -> list[dict[str, str]]:
        """``[{"path", "message"}]``, as an API answers."""
        return [{"path": e.path, "message": e.message.render(lang)} for e in self.errors]


# The format -----------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EnterpriseDocument(_Strict):
    name: RequiredText
    uscc: UsccCode
    legal_status: Annotated[LegalStatus, BeforeValidator(one_of(LEGAL_STATUS_LABELS))]
    pays_tax_in_province: Flag
    region_code: RegionCode


class CreditCheckDocument(_Strict):
    rating: Annotated[CreditRating, BeforeValidator(one_of(CREDIT_RATING_LABELS))]
    on_abnormal_list: Flag
    on_serious_dishonesty_list: Flag
    checked_on: Date


class ViolationDocument(_Strict):
    date: Date
    description: RequiredText


class IncidentDocument(_Strict):
    date: Date
    kind: Annotated[IncidentKind, BeforeValidator(one_of(INCIDENT_KIND_LABELS))]
    description: RequiredText


class RevocationDocument(_Strict):
    date: Date
    reason: RequiredText


class WorkshopDocument(_Strict):
    name: RequiredText


class ScenarioDocument(_Strict):
    area: Annotated[ScenarioArea, BeforeValidator(one_of(SCENARIO_AREA_LABELS))]
    title: RequiredText


class ProjectDocument(_Strict):
    name: RequiredText
    region_code: RegionCode
    status: Annotated[ProjectStatus, BeforeValidator(one_of(PROJECT_STATUS_LABELS))]
    production_started_on: OptionalDate = None
    expected_completion_on: OptionalDate = None
    workshops: Annotated[list[WorkshopDocument], BeforeValidator(as_list)] = Field(default_factory=list)
    scenarios: Annotated[list[ScenarioDocument], BeforeValidator(as_list)] = Field(default_factory=list)


class InvestmentDocument(_Strict):
    date: Date
    category: Annotated[InvestmentCategory, BeforeValidator(one_of(INVESTMENT_CATEGORY_LABELS))]
    amount: Amount
    status: Annotated[InvestmentStatus, BeforeValidator(one_of(INVESTMENT_STATUS_LABELS))]
    invoice_no: TextField = ""


class MaturityDocument(_Strict):
    level: MaturityLevel
    score: MaturityScore = None
    assessed_on: OptionalDate = None
    report_no: OptionalText = None


class ApplicationDocument(_Strict):
    """One application in the import format (``credit_check`` and ``maturity``
    may be absent or null; absent lists are empty)."""

    tier: Annotated[Tier, BeforeValidator(one_of(TIER_LABELS))]
    applied_on: Date
    enterprise: EnterpriseDocument
    credit_check: CreditCheckDocument | None = None
    violations: Annotated[list[ViolationDocument], BeforeValidator(as_list)] = Field(default_factory=list)
    major_incidents: Annotated[list[IncidentDocument], BeforeValidator(as_list)] = Field(default_factory=list)
    revocations: Annotated[list[RevocationDocument], BeforeValidator(as_list)] = Field(default_factory=list)
    project: ProjectDocument
    investments: Annotated[list[InvestmentDocument], BeforeValidator(as_list)] = Field(default_factory=list)
    maturity: MaturityDocument | None = None


# Reading --------------------------------------------------------------------


def parse_application(obj: Any) -> ApplicationFacts:
    """Validate one decoded document and return its facts.

    Raises ``InvalidApplication`` listing every problem with its path.
    """
    if not isinstance(obj, Mapping):
        raise _whole("object_type")
    try:
        document = ApplicationDocument.model_validate(obj)
    except ValidationError as error:
        raise InvalidApplication([_field_error(e) for e in error.errors()]) from None
    return _facts(document)


def load_documents(text: str | bytes) -> list[dict[str, Any]]:
    """Decode a JSON file holding one application object or an array of them.

    Numbers with a fraction are read as ``Decimal`` (so a float amount can be
    told apart and refused); ``NaN`` and ``Infinity`` are refused.
    """
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise _whole("json_syntax", line=error.lineno, column=error.colno) from None
    except _Constant as constant:
        raise _whole("json_constant", value=str(constant)) from None
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list) and all(isinstance(item, dict) for item in data):
        return data
    raise _whole("document_type")


def _whole(key: str, **params: Any) -> InvalidApplication:
    """A problem of the whole document rather than of one field."""
    return InvalidApplication([FieldError("", Text(MESSAGES, key, params))])


def parse_documents(text: str | bytes) -> list[ApplicationFacts]:
    """``load_documents`` then ``parse_application`` on each; errors of an array's
    items are prefixed with their index (``[2].investments[0].amount``)."""
    documents = load_documents(text)
    single = _is_single(text)
    facts: list[ApplicationFacts] = []
    errors: list[FieldError] = []
    for index, document in enumerate(documents):
        try:
            facts.append(parse_application(document))
        except InvalidApplication as invalid:
            errors += [e if single else _prefixed(index, e) for e in invalid.errors]
    if errors:
        raise InvalidApplication(errors)
    return facts


class _Constant(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _Constant(name)


def _is_single(text: str | bytes) -> bool:
    stripped = text.lstrip() if isinstance(text, str) else text.lstrip().decode("utf-8", "replace")
    return stripped.startswith("{")


def _prefixed(index: int, error: FieldError) -> FieldError:
    if not error.path:
        return FieldError(f"[{index}]", error.message)
    joiner = "" if error.path.startswith("[") else "."
    return FieldError(f"[{index}]{joiner}{error.path}", error.message)


def _field_error(error: Mapping[str, Any]) -> FieldError:
    return FieldError(_path(error["loc"]), _message(error))


def _path(loc: Sequence[str | int]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path


def _message(error: Mapping[str, Any]) -> Text:
    """Our bilingual message for one validation error."""
    kind: str = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "uscc":
        problem = Text(USCC_MESSAGES, ctx.pop("key"), ctx.pop("params"))
        return Text(MESSAGES, "uscc", {"value": ctx["value"], "problem": problem})
    if kind in MESSAGES:
        return Text(MESSAGES, kind, ctx)
    return _library_message(kind, error)


def _library_message(kind: str, error: Mapping[str, Any]) -> Text:
    """Errors raised by the validation library itself rather than our validators."""
    if kind == "missing":
        return Text(MESSAGES, "missing")
    if kind == "extra_forbidden":
        loc = error["loc"]
        return Text(MESSAGES, "unknown_field", {"field": loc[-1] if loc else ""})
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return Text(MESSAGES, "object_type")
    if kind in {"list_type", "tuple_type"}:
        return Text(MESSAGES, "list_type")
    return Text(MESSAGES, "invalid", {"kind": kind})


def _facts(doc: ApplicationDocument) -> ApplicationFacts:
    credit = doc.credit_check
    return ApplicationFacts(
        tier=doc.tier,
        applied_on=doc.applied_on,
        enterprise=EnterpriseFacts(**doc.enterprise.model_dump()),
        credit_check=CreditCheckFacts(**credit.model_dump()) if credit else None,
        violations=tuple(Violation(v.date, v.description) for v in doc.violations),
        major_incidents=tuple(MajorIncident(i.date, i.kind, i.description) for i in doc.major_incidents),
        revocations=tuple(Revocation(r.date, r.reason) for r in doc.revocations),
        project=_project(doc.project),
        investments=tuple(
            InvestmentFacts(i.date, i.category, i.amount, i.status, i.invoice_no) for i in doc.investments
        ),
        maturity=MaturityFacts(**doc.maturity.model_dump()) if doc.maturity else None,
    )


def _project(doc: ProjectDocument) -> ProjectFacts:
    return ProjectFacts(
        name=doc.name,
        region_code=doc.region_code,
        status=doc.status,
        production_started_on=doc.production_started_on,
        expected_completion_on=doc.expected_completion_on,
        workshops=tuple(w.name for w in doc.workshops),
        scenarios=tuple(Scenario(s.area, s.title) for s in doc.scenarios),
    )


# Writing --------------------------------------------------------------------


def facts_to_dict(facts: ApplicationFacts) -> dict[str, Any]:
    """The import format of ``facts``, JSON-safe (``parse_application`` reads it back)."""
    document: dict[str, Any] = {
        "tier": facts.tier,
        "applied_on": facts.applied_on.isoformat(),
        "enterprise": _enterprise_dict(facts.enterprise),
    }
    if facts.credit_check is not None:
        document["credit_check"] = _credit_dict(facts.credit_check)
    document["violations"] = [{"date": v.date.isoformat(), "description": v.description} for v in facts.violations]
    document["major_incidents"] = [
        {"date": i.date.isoformat(), "kind": i.kind, "description": i.description} for i in facts.major_incidents
    ]
    document["revocations"] = [{"date": r.date.isoformat(), "reason": r.reason} for r in facts.revocations]
    document["project"] = _project_dict(facts.project)
    document["investments"] = [_investment_dict(i) for i in facts.investments]
    if facts.maturity is not None:
        document["maturity"] = _maturity_dict(facts.maturity)
    return document


def _enterprise_dict(e: EnterpriseFacts) -> dict[str, Any]:
    return {
        "name": e.name,
        "uscc": e.uscc,
        "legal_status": e.legal_status,
        "pays_tax_in_province": e.pays_tax_in_province,
        "region_code": e.region_code,
    }


def _credit_dict(c: CreditCheckFacts) -> dict[str, Any]:
    return {
        "rating": c.rating,
        "on_abnormal_list": c.on_abnormal_list,
        "on_serious_dishonesty_list": c.on_serious_dishonesty_list,
        "checked_on": c.checked_on.isoformat(),
    }


def _project_dict(p: ProjectFacts) -> dict[str, Any]:
    return {
        "name": p.name,
        "region_code": p.region_code,
        "status": p.status,
        "production_started_on": _iso(p.production_started_on),
        "expected_completion_on": _iso(p.expected_completion_on),
        "workshops": [{"name": name} for name in p.workshops],
        "scenarios": [{"area": s.area, "title": s.title} for s in p.scenarios],
    }


def _investment_dict(i: InvestmentFacts) -> dict[str, Any]:
    return {
        "date": i.date.isoformat(),
        "category": i.category,
        "amount": f"{i.amount:.2f}",
        "status": i.status,
        "invoice_no": i.invoice_no,
    }


def _maturity_dict(m: MaturityFacts) -> dict[str, Any]:
    # The score as a decimal string: exact, and accepted back by ``score``.
    return {
        "level": m.level,
        "score": None if m.score is None else str(m.score),
        "assessed_on": _iso(m.assessed_on),
        "report_no": m.report_no,
    }


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
