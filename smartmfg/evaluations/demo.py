"""Demo data for the Department's stages: the demo call's applications spread over Art. 9-10.

Run after ``seed-demo``. The first submitted application is taken to a notice
whose period is over, the second too with an objection waiting for a
decision, the third into expert review with a spot check waiting for its
findings; so the workspace and its work lists have something to show. The
bureaus' part (initial review, the letter) is taken as their steps.
Idempotent: only applications still waiting for the initial review move.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application, Judgement
from smartmfg.applications.states import Status
from smartmfg.applications.transition import transition
from smartmfg.demo import DEMO_PDF
from smartmfg.evaluations.actions import (
    Ruling,
    do_order_spot_check,
    do_record_deliberation,
    do_record_expert_conclusion,
)
from smartmfg.jurisdictions.models import Jurisdiction
from smartmfg.notices.actions import do_record_objection, do_start_notice


def _reviewer(jurisdiction: Jurisdiction) -> User:
    node: Jurisdiction | None = jurisdiction
    while node is not None:
        reviewer = User.objects.filter(jurisdiction=node, is_active=True).first()
        if reviewer is not None:
            return reviewer
        node = node.parent
    raise LookupError(jurisdiction)


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, DEMO_PDF, content_type="application/pdf")


def seed_demo_stages() -> list[Application]:
    """Move the first three applications waiting for the initial review; return them."""
    officer = User.objects.get(username="dept")
    waiting = list(
        Application.objects.filter(status=Status.SUBMITTED).select_related("call", "jurisdiction").order_by("pk")[:3]
    )
    if len(waiting) < 3:
        return []
    today = timezone.localdate()
    first, second, third = waiting
    call = first.call
    with transaction.atomic():
        for application in waiting:
            reviewer = _reviewer(application.jurisdiction)
            Judgement.objects.create(
                application=application, rule="operations_finance", result="pass", judged_by=reviewer, role="bureau"
            )
            transition(application, "bureau_pass", reviewer)
            transition(application, "recommend", reviewer)
            transition(application, "requalify_pass", officer)
        for application, score in ((first, "88.50"), (second, "81.00")):
            do_record_expert_conclusion(
                application,
                score=Decimal(score),
                recommended=True,
                summary="数据贯通，系统集成度高，达到认定要求，推荐认定",
                files=[_pdf("专家评审结论.pdf")],
                actor=officer,
            )
        do_order_spot_check(third, purpose="核实设备投资发票和生产管理系统运行情况", actor=officer)
        do_record_deliberation(
            call,
            {first.pk: Ruling(True), second.pk: Ruling(True)},
            meeting="厅务会",
            held_on=today,
            minutes="审议专家推荐名单",
            actor=officer,
        )
        notice = do_start_notice(
            call,
            [first.pk, second.pk],
            title=f"{call.year}年度拟认定名单公示",
            starts_on=today - dt.timedelta(days=10),
            ends_on=today - dt.timedelta(days=1),
            contact="省工业和信息化厅规划处 0431-88888888",
            actor=officer,
        )
        do_record_objection(
            notice,
            second,
            received_on=today - dt.timedelta(days=3),
            objector="某市民",
            objector_contact="138****0000",
            content="反映该企业部分设备为租赁，并非自购",
            actor=officer,
        )
    return waiting
