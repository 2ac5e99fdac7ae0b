"""第九条 in the browser: the Department opens the scoring, three experts score one application (one far
from the others), the panel leader proposes, the Department confirms, a spot-check visit is reported by
two experts, and the application goes on to deliberation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application
from smartmfg.demo.loader import DEMO_PASSWORD, seed_demo
from smartmfg.experts.models import Draw, DrawStatus, Expert, Invitation, InvitationStatus, Proposal, Seat
from smartmfg.scoring.actions import sheet_for
from smartmfg.scoring.models import Conclusion, ReviewRound
from smartmfg.visits.models import Visit
from smartmfg.workflow.transition import transition
from tests.e2e.conftest import E2E
from tests.journeys import recommended

pytestmark = E2E


def _panel_of_three() -> tuple[Application, list[Expert]]:
    """A demo 长春 application taken into review with a committed panel of three (set up, not shown)."""
    reviewer, officer = User.objects.get(username="changchun"), User.objects.get(username="dept")
    waiting = Application.objects.filter(status="submitted", jurisdiction__code__startswith="2201").first()
    recommended(waiting, reviewer)
    application = Application.objects.get(pk=waiting.pk)
    transition(application, "requalify_pass", officer)
    experts = list(
        Expert.objects.filter(group__code="equipment").exclude(user__username="expert2").order_by("code")[:3]
    )
    draw = Draw.objects.create(
        call=application.call,
        purpose="补充评审",
        quotas={"equipment": 3},
        reviews_per_application=3,
        min_load=0,
        max_load=1,
        answer_by=timezone.now() + dt.timedelta(days=1),
        status=DrawStatus.DRAWN,
        created_by=officer,
    )
    for i, expert in enumerate(experts):
        Invitation.objects.create(
            draw=draw, expert=expert, position=i, status=InvitationStatus.ACCEPTED, answer_by=draw.answer_by
        )
        expert.user.set_password(DEMO_PASSWORD)
        expert.user.save(update_fields=["password"])
    proposal = Proposal.objects.create(
        draw=draw, pairs=[], total_affinity=0, computed_by=officer, committed_at=timezone.now()
    )
    for expert in experts:
        Seat.objects.create(draw=draw, application=application, expert=expert, proposal=proposal, affinity=0.5)
    return Application.objects.get(pk=application.pk), experts


def _score(journey, application: Application, expert: Expert, total: str, *, shot: str = "") -> None:
    page = journey.page
    journey.sign_in(expert.user.username, DEMO_PASSWORD)
    journey.go("/expert/")
    page.get_by_role("link", name=application.reference).first.click()
    if "利害关系声明" in page.content():
        page.get_by_label("本人与该企业不存在上述任何回避情形").check()
        page.get_by_role("button", name="提交声明").click()
    sheet = sheet_for(application.call, application.tier).sheet
    missing = sheet.total_points - Decimal(total)
    points = {}
    for criterion in reversed(sheet.criteria):
        cut = min(missing, criterion.points)
        points[criterion.key] = criterion.points - cut
        missing -= cut
    for criterion in sheet.criteria:
        page.locator(f"#id_points_{criterion.key}").fill(f"{points[criterion.key]:f}")
        if criterion.comment_required:
            page.locator(f"#id_comment_{criterion.key}").fill(f"{criterion.title}与申报材料相符")
    assert page.locator("[data-running-total]").inner_text() == f"{Decimal(total).normalize():f}"
    recommend = Decimal(total) >= 60
    page.get_by_label("达到相应的技术水平" if recommend else "未达到相应的技术水平", exact=True).check()
    page.get_by_label("推荐" if recommend else "不推荐", exact=True).check()
    page.get_by_label("总体评审意见").fill("系统集成和数据贯通达到要求。" if recommend else "与申报材料描述差距较大。")
    if shot:
        journey.shot(shot)
    page.get_by_role("button", name="保存并核对提交").click()
    assert "核对评分后提交" in page.content()
    page.get_by_role("button", name="确认提交评分").click()
    assert "评分已提交并锁定" in page.content()


def test_experts_score_the_leader_proposes_the_department_confirms(journey) -> None:
    seed_demo()
    application, experts = _panel_of_three()
    draw = Draw.objects.get(purpose="补充评审")
    page = journey.page
    page.on("dialog", lambda dialog: dialog.accept())

    # The Department opens the scoring: the sheets freeze, the experts are told their deadline.
    journey.sign_in("dept", DEMO_PASSWORD)
    journey.go(f"/department/stages/{application.call.pk}/scoring/")
    due = (timezone.localtime() + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    page.locator(f"#due-{draw.pk}").fill(due)
    page.locator(f"#due-{draw.pk}").locator("xpath=..").get_by_role("button", name="启动评分").click()
    assert "评分已启动" in page.content()
    review = ReviewRound.objects.get(draw=draw)
    journey.shot("review-opened")

    # A bad score is refused naming its criterion; then three experts score, one far below the others.
    journey.sign_in(experts[0].user.username, DEMO_PASSWORD)
    journey.go("/expert/")
    page.get_by_role("link", name=application.reference).first.click()
    page.get_by_label("本人与该企业不存在上述任何回避情形").check()
    page.get_by_role("button", name="提交声明").click()
    first = sheet_for(application.call, application.tier).sheet.criteria[0]
    page.locator(f"#id_points_{first.key}").fill("7.25")
    page.get_by_role("button", name="保存草稿").click()
    assert first.title in page.locator(".error-summary").inner_text()
    journey.shot("bad-score-refused")
    _score(journey, application, experts[0], "84", shot="scoring-sheet")
    _score(journey, application, experts[1], "81.5")
    _score(journey, application, experts[2], "52")

    # The Department appoints the leader; the leader sees the outlier and proposes.
    journey.sign_in("dept", DEMO_PASSWORD)
    journey.go(f"/department/reviews/{review.pk}/")
    page.locator("#id_leader-expert").select_option(str(experts[0].pk))
    page.get_by_role("button", name="指定组长").click()
    assert "已指定专家组组长" in page.content()
    journey.sign_in(experts[0].user.username, DEMO_PASSWORD)
    journey.go(f"/expert/panels/{review.pk}/")
    assert "偏离" in page.content()
    journey.shot("panel-ranked")
    page.get_by_role("link", name=application.reference).click()
    assert experts[2].code in page.content() and "52" in page.content()
    page.get_by_label("推荐", exact=True).check()
    page.get_by_label("专家组评审意见").fill("专家组讨论后认为，该项目系统集成和数据贯通达到要求，同意推荐。")
    journey.shot("proposal")
    page.get_by_role("button", name="提出结论").click()
    assert "已提出专家组结论" in page.content()

    # The Department confirms: the application moves on, its history says how.
    journey.sign_in("dept", DEMO_PASSWORD)
    journey.go(f"/department/reviews/{review.pk}/applications/{application.pk}/")
    journey.shot("to-confirm")
    page.get_by_role("button", name="确认专家推荐结论").click()
    assert "已确认" in page.content()
    application.refresh_from_db()
    assert application.status == "expert_recommended"
    conclusion = Conclusion.objects.get(application=application)
    assert conclusion.aggregate["value"] == "72.50"  # three scored: the mean
    assert conclusion.aggregate["outliers"] == [experts[2].code]
    journey.shot("confirmed")

    # The Department picks the application for a visit with its reason and sends two of the panel.
    journey.go(f"/department/stages/{application.call.pk}/visits/")
    page.get_by_text("说明理由选定其他申报").click()
    page.locator("select[name=application]").select_option(str(application.pk))
    page.get_by_label("选定理由").fill("一位专家的评分明显偏低，需现场核实设备和数据采集情况")
    page.get_by_role("button", name="选定").click()
    page.goto(f"{journey.base_url}/department/applications/{application.pk}/visit/")
    for expert in experts[:2]:
        page.locator(f'input[name="experts"][value="{expert.pk}"]').check()
    page.get_by_label("抽查日期").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="安排并通知专家").click()
    visit = Visit.objects.get(application=application)
    journey.shot("visit-scheduled")

    # Each of the two experts records what they saw and signs; the last signature reports it.
    for n, expert in enumerate(experts[:2]):
        journey.sign_in(expert.user.username, DEMO_PASSWORD)
        journey.go("/expert/")
        page.get_by_role("link", name=application.reference).last.click()
        page.wait_for_url(f"**/expert/visits/{visit.pk}/")
        if n == 0:
            for item in visit.items.all():
                page.locator(f'input[name="result_{item.pk}"][value="matches"]').check()
            page.get_by_role("button", name="保存抽查情况").click()
            journey.shot("visit-checklist")
        page.get_by_label("我已核实以上抽查情况，同意签署").check()
        page.get_by_role("button", name="签署").click()
    visit.refresh_from_db()
    assert visit.is_reported and visit.passed
    journey.shot("visit-reported")

    # Nothing pending any more: the application is on the deliberation's list.
    application.refresh_from_db()
    assert application.status == "expert_recommended"
    journey.sign_in("dept", DEMO_PASSWORD)
    journey.go(f"/department/stages/{application.call.pk}/deliberation/")
    assert application.reference in page.content()
    journey.shot("to-deliberation")
