"""Demo data: one account per role, enterprises, an open call, applications.

Everything is created through the same actions the pages use, so the demo
shows real histories. ``seed_demo`` is idempotent: what exists (by username,
credit code or call title) is left as it is, so running it twice leaves the
same data as running it once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application
from smartmfg.calls.actions import do_create_call, do_open_call
from smartmfg.calls.models import Call
from smartmfg.demo.experts import expert_pool, expert_review
from smartmfg.demo.files import DEMO_PDF
from smartmfg.demo.past import previous_year
from smartmfg.demo.scoring import review_scores
from smartmfg.demo.visits import seed_visits
from smartmfg.eligibility.actions import do_change_policy
from smartmfg.enterprises.actions import do_record_credit_check
from smartmfg.enterprises.models import Contact, Enterprise
from smartmfg.jurisdictions.models import Jurisdiction
from smartmfg.rules.identifiers import make_uscc
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


def seed_demo() -> list[DemoAccount]:
    """Create what is missing; return the demo accounts to print."""
    with transaction.atomic():
        enterprises = {e.key: _enterprise(e) for e in ENTERPRISES}
        users = {a.username: _account(a, enterprises) for a in ACCOUNTS}
        expert_pool(users, users["dept"])
    previous_year(users)
    call = _call(users["dept"])
    for demo in ENTERPRISES:
        _application(call, enterprises[demo.key], demo, users)
    with transaction.atomic():
        expert_review(call, users)
        review_scores(call, users)
        seed_visits(call, users["dept"], users)
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
