"""Builders for test data, going through the same actions as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import count
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application
from smartmfg.calls.actions import do_create_call, do_open_call
from smartmfg.calls.models import Call
from smartmfg.demo.files import DEMO_PDF
from smartmfg.eligibility.actions import do_change_policy
from smartmfg.enterprises.actions import do_record_credit_check
from smartmfg.enterprises.models import Enterprise
from smartmfg.experts.actions.pool import next_code
from smartmfg.experts.models import Expert, ExpertGroup
from smartmfg.jurisdictions.models import Jurisdiction
from smartmfg.rules.experts.identity import make_resident_id
from smartmfg.rules.identifiers import make_uscc
from smartmfg.wizard import actions
from smartmfg.workflow import actions as submission

PASSWORD = "test-password"
_serial = count(1)


def user(username: str, **fields: Any) -> User:
    account = User(username=username, name=username, email=f"{username}@example.com", **fields)
    account.set_password(PASSWORD)
    account.save()
    return account


def department_user(username: str = "dept") -> User:
    return user(username, is_department=True)


def bureau_user(username: str, code: str) -> User:
    return user(username, jurisdiction=Jurisdiction.objects.get(code=code))


def expert_user(username: str, organisation: str = "吉林大学", **fields: Any) -> User:
    """An expert's account with their pool record (``account.expert``)."""
    account = user(username, is_expert=True)
    expert(account, organisation, **fields)
    return account


def expert(account: User, organisation: str = "吉林大学", **fields: Any) -> Expert:
    serial = next(_serial)
    values: dict[str, Any] = {
        "name": account.name,
        "resident_id": make_resident_id(f"22010219800101{serial % 1000:03d}"),
        "employer": organisation,
        "title": "senior",
        "group": ExpertGroup.objects.get(code="equipment"),
        "industries": ["C"],
        "manufacturing": ["discrete"],
        "division": "220102",
        "phone": "13900000000",
        "email": account.email,
        "term_start": dt.date(2024, 1, 1),
        "term_end": dt.date(2030, 12, 31),
    }
    values.update(fields)
    with transaction.atomic():  # next_code locks the last row, as the pool's actions do
        return Expert.objects.create(code=next_code(), user=account, **values)


def admin_user(username: str = "admin") -> User:
    return user(username, is_staff=True, is_superuser=True)


def enterprise(name: str, division: str, **fields: Any) -> Enterprise:
    serial = next(_serial)
    values = {
        "legal_status": "independent",
        "pays_tax_in_province": True,
        "industry": "36",
        "manufacturing_type": "discrete",
        "jurisdiction": Jurisdiction.objects.get(code=division),
        **fields,
    }
    return Enterprise.objects.create(
        name=name, uscc=make_uscc("91", division, f"T{serial:07d}"), registered_division=division, **values
    )


def enterprise_user(username: str, company: Enterprise) -> User:
    return user(username, enterprise=company)


def open_call(officer: User, **fields: Any) -> Call:
    now = timezone.now()
    values = {
        "year": timezone.localdate().year,
        "title": f"测试批次{next(_serial)}",
        "opens_at": now - dt.timedelta(days=10),
        "closes_at": now + dt.timedelta(days=30),
        "bureau_review_deadline": timezone.localdate() + dt.timedelta(days=45),
        # Art. 2: a year's second call is confirmed with a reason (the tests make several a year).
        "confirm_second_call": True,
        "second_call_reason": "测试：同一年度的另一批次",
        **fields,
    }
    call = do_create_call(values, actor=officer)
    do_change_policy(
        call, {"cultivation_deadline": f"{timezone.localdate().year + 1}-12-31"}, reason="测试", actor=officer
    )
    do_open_call(call, actor=officer)
    return call


def investments(total: Decimal = Decimal("21000000.00"), days_ago: int = 100) -> list[dict[str, Any]]:
    on = timezone.localdate() - dt.timedelta(days=days_ago)
    return [
        {
            "occurred_on": on,
            "category": "equipment",
            "amount": total,
            "status": "completed",
            "invoice_no": "INV-1",
            "description": "设备",
        },
    ]


# Comfortably above each tier's threshold (Art. 5-7 §1): a draft that meets the Rules.
TIER_INVESTMENT = {
    "digital_workshop": Decimal("21000000.00"),
    "smart_factory": Decimal("41000000.00"),
    "future_factory": Decimal("81000000.00"),
}
TIER_MATURITY = {"digital_workshop": 2, "smart_factory": 2, "future_factory": 3}
SCENARIOS = [
    {"area": area, "title": f"{area}场景"}
    for area in ("new_gen_it", "digital_design", "intelligent_production", "lean_management", "smart_supply_chain")
]


def draft_application(call: Call, applicant: User, tier: str = "digital_workshop", **fields: Any) -> Application:
    """A complete draft that meets every rule the enterprise's own data decides, not yet submitted."""
    company = applicant.enterprise
    assert company is not None
    application = actions.do_create_application(call, company, tier, actor=applicant)
    today = timezone.localdate()
    actions.do_update_application(
        application,
        {
            "project_name": f"{company.name}项目",
            "construction_status": "in_production",
            "production_started_on": today - dt.timedelta(days=90),
            "maturity_level": TIER_MATURITY[tier],
            "maturity_score": Decimal("2.50"),
            "maturity_assessed_on": today - dt.timedelta(days=10),
            "maturity_report_no": f"R-{application.pk}",
            **fields,
        },
        actor=applicant,
    )
    actions.do_replace_investments(application, investments(TIER_INVESTMENT[tier]), actor=applicant)
    if tier == "smart_factory":
        actions.do_replace_workshops(application, [{"name": "一车间"}, {"name": "二车间"}], actor=applicant)
    if tier == "future_factory":
        actions.do_replace_scenarios(application, SCENARIOS, actor=applicant)
    actions.do_add_attachment(application, pdf_upload(), kind="application_form", actor=applicant)
    actions.do_accept_commitment(application, actor=applicant)
    application.refresh_from_db()
    return application


def credit_check(company: Enterprise, reviewer: User, rating: str = "good") -> Any:
    """Art. 4: the credit check the bureau records during its review."""
    return do_record_credit_check(
        company,
        {
            "rating": rating,
            "on_abnormal_list": False,
            "on_serious_dishonesty_list": False,
            "checked_on": timezone.localdate(),
            "source": "信用中国",
        },
        actor=reviewer,
    )


def submitted_application(call: Call, applicant: User, *, reviewer: User | None = None, **fields: Any) -> Application:
    application = draft_application(call, applicant, **fields)
    if reviewer is not None:
        assert applicant.enterprise is not None
        credit_check(applicant.enterprise, reviewer)
    submission.do_submit_application(application, actor=applicant)
    application.refresh_from_db()
    return application


def pdf_upload(name: str = "申报书.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, DEMO_PDF, content_type="application/pdf")


def import_under(call: Call, officer: User, documents: list[dict[str, Any]], **laxer: str) -> list[Application]:
    """Applications already in the procedure that the call's parameters, as they stand, put short of a rule.

    The Rules may be adjusted (Art. 14): these were entered (``import-applications``)
    while the parameters ``laxer`` held, and the Department then put the old values
    back. Everything goes through the real actions; the stored verdicts are
    refreshed as saving the policy does once its transaction commits.
    """
    from smartmfg.eligibility.actions import refresh_call_verdicts
    from smartmfg.intake.actions import do_import_application

    before = {name: call.get_policy().value_text(name) for name in laxer}
    do_change_policy(call, laxer, reason="测试：放宽参数", actor=officer)
    imported = [do_import_application(call, document, actor=officer) for document in documents]
    do_change_policy(call, before, reason="测试：恢复参数", actor=officer)
    call.refresh_from_db()
    refresh_call_verdicts(call)
    for application in imported:
        application.refresh_from_db()
    return imported


def support(application: Application, officer: User, amount: Decimal, *, paid: Decimal | None = None) -> Any:
    """Art. 11: support granted to a recognised application and paid (all of it unless ``paid`` says less)."""
    from smartmfg.support.actions import do_grant_support, do_record_payment

    today = timezone.localdate()
    grant = do_grant_support(
        application,
        amount=amount,
        document_number=f"吉工信规划〔{today.year}〕{next(_serial) + 500}号",
        granted_on=today,
        actor=officer,
    )
    if paid is None or paid > 0:
        do_record_payment(grant, paid_on=today, amount=amount if paid is None else paid, actor=officer)
    return grant
