"""Last year's call, taken to publication through every step, so that the results page, the letters and
the Department's stages have history to show.

Its three applications were received on paper and entered by the Department
(``intake``), dated when they were received. Each step is taken on its own
day by moving the clock (``_on``), through the same actions the pages use.
During the public notice two objections came in (第十条): one filed online
against the third, upheld (it leaves the list), and one by letter against
the first, dismissed; each has its reply to the objector.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application
from smartmfg.calls.actions import do_close_call, do_create_call, do_open_call
from smartmfg.calls.models import Call
from smartmfg.demo.files import DEMO_PDF
from smartmfg.eligibility.actions import do_change_policy
from smartmfg.evaluations.actions import Ruling, do_record_deliberation, do_record_expert_conclusion
from smartmfg.intake.actions import do_import_application
from smartmfg.notices.actions import (
    do_decide_objection,
    do_end_notice,
    do_file_objection,
    do_publish,
    do_record_objection,
    do_reply_objector,
    do_save_draft,
    do_start_notice,
)
from smartmfg.notices.models import Objection, PublicNotice
from smartmfg.reviews.actions import LetterDraft, do_draft_letter, do_record_judgement, do_send_letter
from smartmfg.rules.identifiers import make_uscc
from smartmfg.support.actions import do_grant_support, do_record_payment
from smartmfg.workflow.transition import transition

PAST_APPLICATIONS = (
    ("长春示范轨道客车装备有限公司", "220106", "digital_workshop", "转向架焊接数字化生产线", "in_production"),
    ("长春示范动力电池有限公司", "220112", "smart_factory", "动力电池智能工厂", "under_construction"),
    # The entry an objection filed online takes off the notice's list (第十条).
    ("长春示范精密铸件有限公司", "220104", "digital_workshop", "精密铸件数字化生产线", "in_production"),
)


def previous_year(users: dict[str, User]) -> None:
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
        for application, score in zip(applications, ("90.50", "86.00", "85.50"), strict=True):
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
    upheld = _past_objections(notice, applications, year, officer)
    passed = [pk for pk in ids if pk != upheld.pk]
    with _on(notice.ends_on + dt.timedelta(days=1), hour=9):
        do_end_notice(notice, passed, actor=officer)
    with _on(dt.date(year, 8, 3)):
        do_publish(
            call,
            passed,
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


def _past_objections(notice: PublicNotice, applications: list[Application], year: int, officer: User) -> Application:
    """第十条: two objections during last year's notice, decided and answered; returns the entry taken off."""
    first, _building, third = applications
    with _on(dt.date(year, 7, 16), hour=20):
        draft, _token = do_save_draft(
            notice,
            third,
            {
                "objector_kind": "person",
                "name": "刘某某",
                "phone": "13900000001",
                "email": "",
                "content": "该企业申报的压铸单元于去年底才完成安装调试，申报材料所述的全线数据采集尚未投入运行。",
                "pledge": True,
            },
            uploads=[SimpleUploadedFile("现场照片说明.pdf", DEMO_PDF)],
        )
        online, _token = do_file_objection(draft)
    with _on(dt.date(year, 7, 17)):
        letter = do_record_objection(
            notice,
            first,
            received_on=dt.date(year, 7, 17),
            objector="某装备配套企业",
            objector_contact="来信，地址见信封",
            content="反映该企业转向架焊接线的投资额中包含厂房改造费用。",
            channel=Objection.Channel.LETTER,
            actor=officer,
        )
    with _on(dt.date(year, 7, 20), hour=15):
        do_decide_objection(
            online, upheld=True, outcome="经现场核实，压铸单元数据采集尚未投入运行，不符合认定条件。", actor=officer
        )
        do_reply_objector(
            online, reply="经核实，您反映的情况属实，该项目已移出公示名单，不予认定。感谢您的监督。", actor=officer
        )
        do_decide_objection(
            letter, upheld=False, outcome="经核查投资明细和专项审计报告，厂房改造费用未计入可计入投资。", actor=officer
        )
        do_reply_objector(
            letter, reply="经核查，厂房改造费用未计入认定所需的投资额，异议不成立。已书面回复。", actor=officer
        )
    third.refresh_from_db()
    return third
