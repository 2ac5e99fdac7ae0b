"""The demo's expert pool and this year's expert review, ready for scoring.

Thirty experts in the four groups (the demo accounts ``expert`` and
``expert2`` among them: ``expert2`` works for 企业一, so the rules find the
conflict). Six more applications of this year's call were received on
paper, passed by 长春's bureau, recommended and re-reviewed; a draw was made
for them (one drawn expert declined and was replaced), and the assignment
was committed. Every step goes through the actions the pages use.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application
from smartmfg.calls.models import Call
from smartmfg.enterprises.models import Enterprise
from smartmfg.experts.actions import (
    do_accept_invitation,
    do_commit_proposal,
    do_compute_proposal,
    do_create_draw,
    do_decline_invitation,
    do_freeze_draw,
    do_run_draw,
)
from smartmfg.experts.actions.pool import create_expert, next_code
from smartmfg.experts.models import Draw, Expert, ExpertGroup, Invitation, InvitationStatus
from smartmfg.intake.actions import do_import_application
from smartmfg.jurisdictions.models import Jurisdiction
from smartmfg.reviews.actions import LetterDraft, do_draft_letter, do_record_judgement, do_send_letter
from smartmfg.rules.experts.identity import make_resident_id
from smartmfg.rules.identifiers import make_uscc
from smartmfg.workflow.transition import transition

# (name, employer, group, industries, manufacturing); the first two are the demo accounts.
POOL: tuple[tuple[str, str, str, list[str], list[str]], ...] = (
    ("刘教授", "吉林大学", "it", ["C", "I"], ["discrete", "process"]),
    ("赵高工", "长春市示范汽车零部件有限公司", "equipment", ["36"], ["discrete"]),
    ("钱工", "一汽研发总院", "equipment", ["36", "34"], ["discrete"]),
    ("孙研究员", "长春光机所", "equipment", ["40", "39"], ["discrete"]),
    ("李高工", "长春轨道客车研究院", "equipment", ["37"], ["discrete"]),
    ("周教授", "长春工业大学", "equipment", ["34", "35"], ["discrete"]),
    ("吴高工", "吉林省机械工业设计研究院", "equipment", ["C"], ["discrete"]),
    ("郑工", "吉林化纤集团技术中心", "process", ["28"], ["process"]),
    ("王研究员", "吉林石化研究院", "process", ["25", "26"], ["process"]),
    ("冯教授", "吉林化工学院", "process", ["26", "27"], ["process"]),
    ("陈高工", "长春应化所", "process", ["26"], ["process"]),
    ("褚工", "吉林省食品工业研究所", "process", ["13", "14"], ["process"]),
    ("卫教授", "东北电力大学", "process", ["D", "44"], ["process"]),
    ("蒋高工", "吉林省医药设计院", "process", ["27"], ["process"]),
    ("沈工", "吉林省信息技术研究所", "it", ["I", "65"], ["discrete", "process"]),
    ("韩教授", "东北师范大学", "it", ["I"], ["discrete"]),
    ("杨高工", "吉林省工业互联网创新中心", "it", ["C", "64"], ["discrete", "process"]),
    ("朱工", "长春理工大学", "it", ["65", "40"], ["discrete"]),
    ("秦会计师", "吉林省会计师事务所", "finance", ["M", "L"], []),
    ("尤会计师", "长春财经咨询中心", "finance", ["L"], []),
    ("许审计师", "吉林省审计学会", "finance", ["L", "M"], []),
    ("何高工", "中车长客技术中心", "equipment", ["37", "34"], ["discrete"]),
    ("吕教授", "吉林农业大学", "process", ["13", "15"], ["process"]),
    ("施高工", "吉林省电子信息产业研究院", "it", ["39", "I"], ["discrete"]),
    ("张会计师", "吉林财经大学", "finance", ["J", "L"], []),
    ("孔工", "长春汽车工业高等专科学校", "equipment", ["36"], ["discrete"]),
    ("曹研究员", "吉林省冶金研究院", "process", ["31", "32"], ["process"]),
    ("严高工", "吉林省建材工业设计院", "process", ["30"], ["process"]),
    ("华教授", "北华大学", "it", ["I", "C"], ["discrete", "process"]),
    ("金会计师", "吉林省注册会计师协会", "finance", ["L"], []),
)

# Six applications in expert review: (name, division, industry, manufacturing type, tier, project).
REVIEWED = (
    ("长春示范汽车电子有限公司", "220102", "39", "discrete", "digital_workshop", "汽车电子贴片数字化生产线"),
    ("长春示范精密铸造有限公司", "220103", "33", "discrete", "digital_workshop", "精密铸件数字化车间"),
    ("长春示范生物制药有限公司", "220104", "27", "process", "digital_workshop", "生物制剂灌装数字化车间"),
    ("长春示范食品有限公司", "220105", "14", "process", "digital_workshop", "乳制品数字化生产线"),
    ("长春示范客车装备有限公司", "220106", "37", "discrete", "smart_factory", "轨道客车智能工厂"),
    ("长春示范新材料有限公司", "220112", "26", "process", "smart_factory", "碳纤维复合材料智能工厂"),
)
QUOTAS = {"equipment": 4, "process": 4, "it": 2, "finance": 1}
DEMO_SEED = "演示数据的公开随机数 001"


def expert_pool(users: dict[str, User], officer: User) -> list[Expert]:
    """The thirty experts (once): the demo accounts first, then the rest with accounts of their own."""
    if Expert.objects.exists():
        return list(Expert.objects.order_by("code"))
    groups = {g.code: g for g in ExpertGroup.objects.all()}
    ent1 = Enterprise.objects.get(name=POOL[1][1])
    today = timezone.localdate()
    experts = []
    for i, (name, employer, group, industries, manufacturing) in enumerate(POOL, 1):
        values: dict[str, Any] = {
            "name": name,
            "resident_id": make_resident_id(f"2201021975{(i % 12) + 1:02d}{(i % 28) + 1:02d}{i:03d}"),
            "employer": employer,
            "employer_uscc": ent1.uscc if i == 2 else "",
            "title": ("senior", "associate", "intermediate")[i % 3],
            "group": groups[group],
            "industries": industries,
            "manufacturing": manufacturing,
            "division": "220102",
            "phone": f"139{i:08d}",
            "email": f"expert{i:02d}@example.com",
            "term_start": today.replace(month=1, day=1),
            "term_end": today.replace(year=today.year + 2, month=12, day=31),
        }
        if i <= 2:  # the demo logins ``expert`` and ``expert2`` exist already
            experts.append(Expert.objects.create(code=next_code(), user=users[("expert", "expert2")[i - 1]], **values))
        else:
            experts.append(create_expert(values, actor=officer))
    return experts


def expert_review(call: Call, users: dict[str, User]) -> None:
    """Six applications taken into expert review, drawn for and assigned (once)."""
    if Draw.objects.filter(call=call).exists():
        return
    officer, reviewer = users["dept"], users["changchun"]
    for i, (name, division, industry, kind, _tier, _project) in enumerate(REVIEWED, 1):
        Enterprise.objects.get_or_create(
            uscc=_uscc(i, division),
            defaults={
                "name": name,
                "legal_status": "independent",
                "registered_division": division,
                "jurisdiction": Jurisdiction.objects.get(code=division),
                "industry": industry,
                "manufacturing_type": kind,
            },
        )
    applications = [do_import_application(call, _document(i, *row), actor=officer) for i, row in enumerate(REVIEWED, 1)]
    for application in applications:
        do_record_judgement(application, "operations_finance", "pass", "生产经营正常，财务状况良好", actor=reviewer)
        transition(application, "bureau_pass", reviewer)
    letter = do_draft_letter(
        call,
        LetterDraft(
            title="关于推荐省级示范工厂（车间）的函", body="现将我局初审通过的项目推荐上报。", applications=applications
        ),
        actor=reviewer,
    )
    do_send_letter(letter, actor=reviewer, revision=letter.revision)
    for application in Application.objects.filter(pk__in=[a.pk for a in applications]):
        transition(application, "requalify_pass", officer)
    _draw_and_assign(call, officer, users)


def _draw_and_assign(call: Call, officer: User, users: dict[str, User]) -> None:
    values = {
        "tier": "",
        "purpose": f"{call.year}年度专家评审",
        "quotas": QUOTAS,
        "reviews_per_application": 5,
        "min_load": 1,
        "max_load": 4,
        "answer_by": timezone.now() + dt.timedelta(days=3),
    }
    draw = do_freeze_draw(do_create_draw(call, values, actor=officer), actor=officer)
    # A fixed public value, so that the demo is the same on every machine (the login ``expert`` is drawn).
    draw = do_run_draw(draw, public_seed=DEMO_SEED, seed_note="演示数据：固定的公开随机数", actor=officer)
    logins = {users["expert"].pk, users["expert2"].pk}
    declining = Invitation.objects.filter(draw=draw).exclude(expert__user__in=logins).order_by("position").first()
    if declining is not None:  # one drawn expert declines and the next ticket of the group is invited
        do_decline_invitation(declining, reason="评审期间出差，无法参加", actor=declining.expert.user)
    while pending := list(Invitation.objects.filter(draw=draw, status=InvitationStatus.PENDING)):
        for invitation in pending:
            do_accept_invitation(invitation, actor=invitation.expert.user)
    do_commit_proposal(do_compute_proposal(draw, actor=officer), actor=officer)


def _document(
    serial: int, name: str, division: str, industry: str, kind: str, tier: str, project: str
) -> dict[str, Any]:
    today = timezone.localdate()
    scale = {"digital_workshop": 1, "smart_factory": 2}[tier]
    return {
        "tier": tier,
        "applied_on": today.isoformat(),
        "enterprise": {
            "name": name,
            "uscc": _uscc(serial, division),
            "legal_status": "independent",
            "pays_tax_in_province": True,
            "region_code": division,
        },
        "credit_check": {
            "rating": "good",
            "on_abnormal_list": False,
            "on_serious_dishonesty_list": False,
            "checked_on": (today - dt.timedelta(days=20)).isoformat(),
        },
        "project": {
            "name": project,
            "region_code": division,
            "status": "in_production",
            "production_started_on": (today - dt.timedelta(days=300)).isoformat(),
            "workshops": [{"name": n} for n in ("一车间", "二车间", "三车间")] if tier == "smart_factory" else [],
        },
        "investments": [
            {
                "date": (today - dt.timedelta(days=days)).isoformat(),
                "category": category,
                "amount": str(amount * scale),
                "status": "completed",
                "invoice_no": f"FP{today.year}{serial}{days}",
            }
            for days, category, amount in (
                (400, "equipment", 14500000),
                (300, "software", 4800000),
                (200, "consulting_services", 1900000),
            )
        ],
        "maturity": {
            "level": 2 + (tier == "smart_factory"),
            "score": "2.80",
            "assessed_on": (today - dt.timedelta(days=60)).isoformat(),
            "report_no": f"C3MEP-{today.year}-2{serial:04d}",
        },
    }


def _uscc(serial: int, division: str) -> str:
    return make_uscc("91", division, f"MC{serial:05d}X")
