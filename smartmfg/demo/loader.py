"""Demo data: one account per role, enterprises, an open call, applications.

Everything is created through the same actions the pages use, so the demo
shows real histories. ``seed_demo`` is idempotent: what exists (by username,
credit code or call title) is left as it is, so running it twice leaves the
same data as running it once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from smartmfg.accounts.models import ExpertProfile, User
from smartmfg.applications.models import Application
from smartmfg.calls.actions import do_close_call, do_create_call, do_open_call
from smartmfg.calls.models import Call
from smartmfg.eligibility.actions import do_change_policy
from smartmfg.enterprises.actions import do_record_credit_check
from smartmfg.enterprises.models import Contact, Enterprise
from smartmfg.evaluations.actions import Ruling, do_record_deliberation, do_record_expert_conclusion
from smartmfg.intake.actions import do_import_application
from smartmfg.jurisdictions.models import Jurisdiction
from smartmfg.notices.actions import do_end_notice, do_publish, do_start_notice
from smartmfg.reviews.actions import LetterDraft, do_draft_letter, do_record_judgement, do_send_letter
from smartmfg.rules.identifiers import make_uscc
from smartmfg.support.actions import do_grant_support, do_record_payment
from smartmfg.wizard.actions import (
    do_accept_commitment,
    do_add_attachment,
    do_create_application,
    do_replace_investments,
    do_replace_scenarios,
    do_replace_workshops,
    do_update_application,
)
from smartmfg.workflow.actions import do_submit_application
from smartmfg.workflow.transition import transition

DEMO_PASSWORD = "smartmfg-demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    name: str
    role: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class DemoEnterprise:
    key: str
    name: str
    division: str
    industry: str
    manufacturing_type: str
    tier: str
    project: str
    status: str  # what the demo leaves it at: draft or submitted


ENTERPRISES = (
    DemoEnterprise(
        "ent1",
        "长春市示范汽车零部件有限公司",
        "220102",
        "36",
        "discrete",
        "digital_workshop",
        "底盘零部件数字化生产线",
        "submitted",
    ),
    DemoEnterprise(
        "ent2",
        "吉林市示范精细化工有限公司",
        "220202",
        "26",
        "process",
        "smart_factory",
        "精细化工智能工厂",
        "submitted",
    ),
    DemoEnterprise(
        "ent3",
        "长春示范光电仪器有限公司",
        "220104",
        "40",
        "discrete",
        "digital_workshop",
        "光学仪器装配数字化车间",
        "submitted",
    ),
    DemoEnterprise(
        "ent4",
        "公主岭示范农产品加工有限公司",
        "220184",
        "13",
        "process",
        "digital_workshop",
        "玉米深加工数字化车间",
        "draft",
    ),
    DemoEnterprise(
        "ent5", "延吉示范医药有限公司", "222401", "27", "process", "future_factory", "中药饮片未来工厂", "draft"
    ),
)

ACCOUNTS = (
    DemoAccount("admin", "系统管理员", "系统管理员", {"is_staff": True, "is_superuser": True}),
    DemoAccount("dept", "王明（规划处）", "省工信厅", {"is_department": True}),
    DemoAccount("changchun", "李华（长春市工信局）", "属地工信部门（长春市）", {"jurisdiction": "220100"}),
    DemoAccount("jilin", "张伟（吉林市工信局）", "属地工信部门（吉林市）", {"jurisdiction": "220200"}),
    DemoAccount("expert", "刘教授", "评审专家", {"is_expert": True}),
    DemoAccount("expert2", "赵高工", "评审专家（与企业一有关联）", {"is_expert": True}),
    DemoAccount("ent1", "陈经理", "申报企业（长春）", {"enterprise": "ent1"}),
    DemoAccount("ent2", "孙经理", "申报企业（吉林市）", {"enterprise": "ent2"}),
)

# A tiny but valid PDF, standing in for the application form of the demo.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def seed_demo() -> list[DemoAccount]:
    """Create what is missing; return the demo accounts to print."""
    with transaction.atomic():
        enterprises = {e.key: _enterprise(e) for e in ENTERPRISES}
        users = {a.username: _account(a, enterprises) for a in ACCOUNTS}
        _expert_profiles(users)
    _previous_year(users)
    call = _call(users["dept"])
    for demo in ENTERPRISES:
        _application(call, enterprises[demo.key], demo, users)
    return list(ACCOUNTS)


def _enterprise(demo: DemoEnterprise) -> Enterprise:
    uscc = make_uscc("91", demo.division, f"MA{ENTERPRISES.index(demo) + 1:05d}X")
    enterprise = Enterprise.objects.filter(uscc=uscc).first()
    if enterprise is not None:
        return enterprise
    enterprise = Enterprise.objects.create(
        name=demo.name,
        uscc=uscc,
        legal_status="independent",
        pays_tax_in_province=True,
        registered_division=demo.division,
        jurisdiction=Jurisdiction.objects.get(code=demo.division),
        industry=demo.industry,
        manufacturing_type=demo.manufacturing_type,
        address=f"{demo.name}厂区",
    )
    Contact.objects.create(
        enterprise=enterprise,
        name="联系人",
        title="信息化部长",
        phone="0431-80000000",
        email=f"{demo.key}@example.com",
        is_primary=True,
    )
    return enterprise


def _account(demo: DemoAccount, enterprises: dict[str, Enterprise]) -> User:
    user = User.objects.filter(username=demo.username).first()
    if user is not None:
        return user
    fields = dict(demo.fields)
    if "jurisdiction" in fields:
        fields["jurisdiction"] = Jurisdiction.objects.get(code=fields["jurisdiction"])
    if "enterprise" in fields:
        fields["enterprise"] = enterprises[fields["enterprise"]]
    user = User(username=demo.username, name=demo.name, email=f"{demo.username}@example.com", **fields)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _expert_profiles(users: dict[str, User]) -> None:
    ExpertProfile.objects.get_or_create(
        user=users["expert"],
        defaults={"organisation": "吉林大学", "title": "教授", "specialties": "智能制造、工业互联网"},
    )
    ExpertProfile.objects.get_or_create(
        user=users["expert2"],
        defaults={
            "organisation": "长春市示范汽车零部件有限公司",
            "title": "高级工程师",
            "specialties": "汽车零部件制造",
        },
    )


def _call(officer: User) -> Call:
    today = timezone.localdate()
    title = f"{today.year}年度吉林省数字化车间（生产线）、智能工厂和未来工厂培育认定申报"
    call = Call.objects.filter(title=title).first()
    if call is not None:
        return call
    now = timezone.now()
    call = do_create_call(
        {
            "year": today.year,
            "title": title,
            "document_number": f"吉工信规划〔{today.year}〕1号",
            "description": "请符合条件的企业在申报时间内通过本平台提交申报材料，由属地工信部门初审后行文推荐。",
            "opens_at": now - dt.timedelta(days=20),
            "closes_at": now + dt.timedelta(days=40),
            "bureau_review_deadline": today + dt.timedelta(days=55),
        },
        actor=officer,
    )
    # The Rules' cultivation deadline (2025-12-31) has passed; the year's call moves it (第十四条).
    do_change_policy(
        call,
        {"cultivation_deadline": f"{today.year + 1}-12-31"},
        reason="按照第十四条，结合本年度实际调整培育阶段建成投产期限",
        actor=officer,
    )
    do_open_call(call, actor=officer)
    return call


def _application(call: Call, enterprise: Enterprise, demo: DemoEnterprise, users: dict[str, User]) -> None:
    if Application.objects.filter(call=call, enterprise=enterprise).exists():
        return
    today = timezone.localdate()
    officer = users["changchun"] if enterprise.jurisdiction.path.startswith("220000/220100/") else users["dept"]
    do_record_credit_check(
        enterprise,
        {
            "rating": "good",
            "on_abnormal_list": False,
            "on_serious_dishonesty_list": False,
            "checked_on": today,
            "source": "信用中国、国家企业信用信息公示系统",
        },
        actor=officer,
    )
    actor = enterprise.users.first() or _stand_in(enterprise)
    application = do_create_application(call, enterprise, demo.tier, actor=actor)
    do_update_application(
        application,
        {
            "project_name": demo.project,
            "project_division": demo.division,
            "project_address": "厂区一号车间",
            "project_summary": f"{demo.project}建设项目，实现生产数据采集、计划排产、质量追溯和设备管理的一体化。",
            "construction_status": "in_production",
            "production_started_on": today - dt.timedelta(days=200),
            "maturity_level": {"digital_workshop": 2, "smart_factory": 3, "future_factory": 3}[demo.tier],
            "maturity_score": Decimal("2.60"),
            "maturity_assessed_on": today - dt.timedelta(days=30),
            "maturity_report_no": f"C3MEP-{today.year}-{enterprise.pk:05d}",
        },
        actor=actor,
    )
    do_replace_investments(application, _investments(demo.tier, today), actor=actor)
    if demo.tier == "smart_factory":
        do_replace_workshops(
            application, [{"name": "合成车间"}, {"name": "精制车间"}, {"name": "包装车间"}], actor=actor
        )
    if demo.tier == "future_factory":
        areas = [
            "digital_design",
            "intelligent_production",
            "lean_management",
            "green_manufacturing",
            "smart_supply_chain",
        ]
        do_replace_scenarios(application, [{"area": a, "title": f"{a}场景"} for a in areas], actor=actor)
    if demo.status == "submitted":
        do_add_attachment(application, SimpleUploadedFile("申报书.pdf", DEMO_PDF), kind="application_form", actor=actor)
        do_accept_commitment(application, actor=actor)
        do_submit_application(application, actor=actor)


def _investments(tier: str, today: dt.date) -> list[dict[str, Any]]:
    scale = {"digital_workshop": 1, "smart_factory": 2, "future_factory": 4}[tier]
    rows = [
        ("equipment", Decimal("12500000.00"), 400),
        ("software", Decimal("5200000.00"), 300),
        ("consulting_services", Decimal("3100000.00"), 250),
        ("civil_works", Decimal("8000000.00"), 500),
    ]
    return [
        {
            "occurred_on": today - dt.timedelta(days=days),
            "category": category,
            "amount": amount * scale,
            "status": "completed",
            "invoice_no": f"FP{i:08d}",
            "description": "",
        }
        for i, (category, amount, days) in enumerate(rows, 1)
    ]


def _stand_in(enterprise: Enterprise) -> User:
    """An account for a demo enterprise without a listed login (it still acts as itself)."""
    user, created = User.objects.get_or_create(
        username=f"ent-{enterprise.pk}", defaults={"name": f"{enterprise.name}经办人", "enterprise": enterprise}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


# ------------------------------------------------------------ last year's call
#
# A call of the year before, taken to publication through every step, so the
# results page, the letters and the Department's stages have history to show.
# Its two applications were received on paper and entered by the Department
# (``import_submission``), dated when they were received.

PAST_APPLICATIONS = (
    ("长春示范轨道客车装备有限公司", "220106", "digital_workshop", "转向架焊接数字化生产线", "in_production"),
    ("长春示范动力电池有限公司", "220112", "smart_factory", "动力电池智能工厂", "under_construction"),
)


def _previous_year(users: dict[str, User]) -> None:
    year = timezone.localdate().year - 1
    title = f"{year}年度吉林省数字化车间（生产线）、智能工厂和未来工厂培育认定申报"
    if Call.objects.filter(title=title).exists():
        return
    officer, reviewer = users["dept"], users["changchun"]
    with transaction.atomic():  # all of last year's history, or none of it
        _past_history(year, title, officer, reviewer)


@contextmanager
def _on(day: dt.date, hour: int = 10) -> Iterator[None]:
    """Take the steps of the body on ``day`` (office hours, Asia/Shanghai), as they happened last year.

    The actions read the clock themselves (a notice starts no earlier than
    today, a letter is numbered in the year it is drafted...), so the demo's
    past is made by moving the clock, never by writing dates around them.
    """
    import time_machine

    moment = dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())
    with time_machine.travel(moment, tick=False):
        yield


def _past_history(year: int, title: str, officer: User, reviewer: User) -> None:
    with _on(dt.date(year, 2, 20)):
        call = _past_call(year, title, officer)
    with _on(dt.date(year, 4, 10)):
        applications = [
            do_import_application(call, _past_document(year, i, *row), actor=officer)
            for i, row in enumerate(PAST_APPLICATIONS, 1)
        ]
    with _on(dt.date(year, 5, 6)):
        do_close_call(call, actor=officer)
    with _on(dt.date(year, 5, 20)):
        for application in applications:
            do_record_judgement(application, "operations_finance", "pass", "生产经营正常，财务状况良好", actor=reviewer)
            transition(application, "bureau_pass", reviewer)
    with _on(dt.date(year, 5, 26)):
        letter = do_draft_letter(
            call,
            LetterDraft(
                title=f"关于推荐{year}年度省级示范工厂（车间）的函",
                body="现将我局初审通过的申报项目推荐上报，请予审核。",
                applications=applications,
            ),
            actor=reviewer,
        )
        do_send_letter(letter, actor=reviewer, revision=letter.revision)
    _past_stages(call, applications, year, officer)


def _past_call(year: int, title: str, officer: User) -> Call:
    zone = timezone.get_current_timezone()
    call = do_create_call(
        {
            "year": year,
            "title": title,
            "document_number": f"吉工信规划〔{year}〕1号",
            "opens_at": dt.datetime(year, 3, 1, 9, tzinfo=zone),
            "closes_at": dt.datetime(year, 4, 30, 17, tzinfo=zone),
            "bureau_review_deadline": dt.date(year, 5, 31),
        },
        actor=officer,
    )
    do_change_policy(
        call,
        {"cultivation_deadline": f"{year}-12-31"},
        reason="按照第十四条调整本年度培育阶段建成投产期限",
        actor=officer,
    )
    do_open_call(call, actor=officer)
    return call


def _past_document(
    year: int, serial: int, name: str, division: str, tier: str, project: str, status: str
) -> dict[str, Any]:
    applied = dt.date(year, 4, 10)
    scale = {"digital_workshop": 1, "smart_factory": 2}[tier]
    return {
        "tier": tier,
        "applied_on": applied.isoformat(),
        "enterprise": {
            "name": name,
            "uscc": make_uscc("91", division, f"MB{serial:05d}X"),
            "legal_status": "independent",
            "pays_tax_in_province": True,
            "region_code": division,
        },
        "credit_check": {
            "rating": "good",
            "on_abnormal_list": False,
            "on_serious_dishonesty_list": False,
            "checked_on": dt.date(year, 3, 20).isoformat(),
        },
        "project": {
            "name": project,
            "region_code": division,
            "status": status,
            **(
                {"production_started_on": dt.date(year - 1, 9, 1).isoformat()}
                if status == "in_production"
                else {"expected_completion_on": dt.date(year, 11, 30).isoformat()}
            ),
            "workshops": [{"name": n} for n in ("电芯车间", "模组车间", "PACK车间")] if tier == "smart_factory" else [],
        },
        "investments": [
            {
                "date": dt.date(year - 1, month, 15).isoformat(),
                "category": category,
                "amount": str(amount * scale),
                "status": "completed",
                "invoice_no": f"FP{year}{serial}{month:02d}",
            }
            for month, category, amount in (
                (3, "equipment", 14500000),
                (6, "software", 4800000),
                (9, "consulting_services", 1900000),
                (11, "civil_works", 9000000),
            )
        ],
        "maturity": {
            "level": 2 + (tier == "smart_factory"),
            "score": "2.80",
            "assessed_on": dt.date(year, 3, 1).isoformat(),
            "report_no": f"C3MEP-{year}-1{serial:04d}",
        },
    }


def _past_stages(call: Call, applications: list[Application], year: int, officer: User) -> None:
    with _on(dt.date(year, 6, 10)):
        for application in applications:
            application.refresh_from_db()  # the letter moved it
            transition(application, "requalify_pass", officer)
    with _on(dt.date(year, 6, 30)):
        for application, score in zip(applications, ("90.50", "86.00"), strict=True):
            do_record_expert_conclusion(
                application,
                score=Decimal(score),
                recommended=True,
                summary="数据贯通，系统集成度高，推荐认定",
                files=[SimpleUploadedFile("专家评审结论.pdf", DEMO_PDF)],
                actor=officer,
            )
    ids = [a.pk for a in applications]
    with _on(dt.date(year, 7, 10), hour=15):
        do_record_deliberation(
            call,
            {pk: Ruling(True) for pk in ids},
            meeting="厅长办公会",
            held_on=dt.date(year, 7, 10),
            minutes="同意专家推荐意见",
            actor=officer,
        )
    with _on(dt.date(year, 7, 15), hour=9):
        notice = do_start_notice(
            call,
            ids,
            title=f"{year}年度省级示范工厂（车间）拟认定名单公示",
            starts_on=dt.date(year, 7, 15),
            contact="省工信厅规划处 0431-88888888",
            actor=officer,
        )
    with _on(notice.ends_on + dt.timedelta(days=1), hour=9):
        do_end_notice(notice, ids, actor=officer)
    with _on(dt.date(year, 8, 3)):
        do_publish(
            call,
            ids,
            document_number=f"吉工信规划〔{year}〕58号",
            title=f"关于公布{year}年度省级数字化车间（生产线）、智能工厂名单的通知",
            published_on=dt.date(year, 8, 3),
            actor=officer,
        )
    # 第十一条: the recognised workshop's support, granted and partly paid.
    recognised = next(a for a in applications if a.tier == "digital_workshop")
    with _on(dt.date(year, 9, 15)):
        grant = do_grant_support(
            recognised,
            amount=Decimal("1000000.00"),
            document_number=f"吉工信规划〔{year}〕70号",
            granted_on=dt.date(year, 9, 15),
            note="省级示范工厂（车间）奖补",
            actor=officer,
        )
    with _on(dt.date(year, 10, 10)):
        do_record_payment(grant, paid_on=dt.date(year, 10, 10), amount=Decimal("600000.00"), actor=officer)
