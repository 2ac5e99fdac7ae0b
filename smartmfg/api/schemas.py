"""What the API answers, as OpenAPI shows it."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema


class CheckOut(Schema):
    rule: str
    article: str
    result: Literal["pass", "fail", "manual"]
    message: str


class VerdictOut(Schema):
    """The same JSON as ``smartmfg eligibility --json`` prints for one application."""

    source: str
    tier: str
    eligible: bool
    track: str | None
    eligible_investment: str
    checks: list[CheckOut]


class FieldErrorOut(Schema):
    source: str = ""
    path: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut] = []


class StepIn(Schema):
    reason: str = ""
    seen: str = ""
    respond_by: dt.date | None = Field(
        default=None, description="退回修改（bureau_return）时企业重新提交的期限；不填按本批次规定的工作日数计算"
    )

    def form_data(self) -> dict[str, str]:
        """The body as the step's form reads it (the same form as the page's)."""
        data = {"reason": self.reason, "seen": self.seen}
        if self.respond_by is not None:
            data["respond_by"] = self.respond_by.isoformat()
        return data


class CallRef(Schema):
    id: int
    year: int
    title: str


class EnterpriseRef(Schema):
    id: int
    name: str
    uscc: str


class JurisdictionRef(Schema):
    id: int
    name: str


class StoredVerdictOut(Schema):
    eligible: bool | None
    track: str
    eligible_investment: str


class ApplicationItem(Schema):
    id: int
    reference: str
    url: str
    call: CallRef
    enterprise: EnterpriseRef
    tier: str
    tier_label: str
    jurisdiction: JurisdictionRef
    status: str
    status_label: str
    project_name: str
    applied_on: dt.date | None
    verdict: StoredVerdictOut
    updated_at: dt.datetime


class ApplicationPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    items: list[ApplicationItem]


class ProjectOut(Schema):
    name: str
    division: str
    address: str
    summary: str
    construction_status: str
    production_started_on: dt.date | None
    expected_completion_on: dt.date | None
    workshops: list[str]
    scenarios: list[ScenarioOut]


class ScenarioOut(Schema):
    area: str
    title: str


class MaturityOut(Schema):
    level: int
    score: str | None
    assessed_on: dt.date | None
    report_no: str


class InvestmentOut(Schema):
    position: int
    date: dt.date
    category: str
    amount: str
    status: str
    invoice_no: str
    description: str


class EventOut(Schema):
    id: int
    action: str
    label: str
    from_status: str
    to_status: str
    actor: str
    role: str
    at: dt.datetime
    reason: str


class StepOut(Schema):
    action: str
    label: str
    article: str
    allowed: bool
    reason: str
    needs_reason: bool
    via_api: bool
    confirm: str


class ApplicationDetail(Schema):
    id: int
    reference: str
    url: str
    call: CallRef
    enterprise: EnterpriseRef
    tier: str
    tier_label: str
    jurisdiction: JurisdictionRef
    status: str
    status_label: str
    applied_on: dt.date | None
    submission_count: int
    project: ProjectOut
    maturity: MaturityOut | None
    investments: list[InvestmentOut]
    verdict: VerdictOut
    history: list[EventOut]
    steps: list[StepOut]


ProjectOut.model_rebuild()


# ------------------------------------------------------------ the public's (第十条)

PublicTrack = Literal["recognition", "cultivation"]
PublicStatusCode = Literal["valid", "cultivation", "revoked", "cultivation_dropped"]


class PublicPublicationOut(Schema):
    """A published list (发文公布), as the public reads it."""

    id: int
    document_number: str = Field(description="公布文件的文号（GB/T 9704-2012）")
    title: str
    published_on: dt.date
    year: int = Field(description="申报批次的年度")
    entry_count: int = Field(description="名单的行数")
    url: str = Field(description="认定结果页面上的这份名单")
    entries_url: str = Field(description="名单各行（本接口，分页）")
    downloads: dict[str, str] = Field(description="开放数据下载：csv、xlsx、json，以及数据字典 dictionary")


class PublicPublicationPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    items: list[PublicPublicationOut]


class PublicEntryOut(Schema):
    """A line of a published list as issued, with its recognition number and status now (the data dictionary)."""

    position: int
    recognition_number: str
    enterprise: str
    uscc: str = Field(description="名单载有统一社会信用代码时填写，否则为空")
    tier: str
    tier_label: str
    project: str
    region: str
    track: PublicTrack
    track_label: str
    status: PublicStatusCode
    status_label: str
    revoked_on: dt.date | None
    document_number: str
    published_on: dt.date


class PublicEntryPage(Schema):
    publication: PublicPublicationOut
    status_as_of: dt.datetime = Field(description="读取各行当前状态的时间")
    count: int
    page: int
    page_size: int
    pages: int
    items: list[PublicEntryOut]


class VerificationOut(Schema):
    """第十条: what anyone with a recognition number may read, and nothing else."""

    number: str
    enterprise: str
    tier: str
    tier_label: str
    project: str
    published_on: dt.date
    status: PublicStatusCode
    status_label: str
    revoked_on: dt.date | None
    url: str = Field(description="证书核验页面")
