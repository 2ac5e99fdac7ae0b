"""The panel concludes (第九条): aggregates, the leader's proposal, the Department's confirmation."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from smartmfg.applications.models import Application, Judgement
from smartmfg.applications.states import Status
from smartmfg.evaluations.models import ExpertConclusion
from smartmfg.scoring import actions
from smartmfg.scoring.models import Conclusion
from tests import factories
from tests.experts.builders import pool
from tests.scoring.builders import panel, review_of, scored, seat, sheet_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def five(cast):
    """Five experts on application B (the cast's expert leads), four of them scored."""
    draw, experts = panel(cast, extra=4)
    review = actions.do_appoint_leader(review_of(draw), cast.expert.expert, actor=cast.dept)
    for expert, total in zip(experts[1:], ("80", "82.5", "79", "40"), strict=True):
        scored(draw, expert, cast.app_b, total)
    return draw, experts, review


def test_the_leader_sees_the_others_only_after_submitting_their_own(cast, client, five):
    draw, experts, review = five
    client.force_login(cast.expert)
    page = client.get(reverse("scoring:panel", args=[review.pk])).content.decode()
    assert "请先提交您本人的全部评分" in page and "82.5" not in page
    assert client.get(reverse("scoring:propose", args=[review.pk, cast.app_b.pk])).status_code == 403
    scored(draw, cast.expert.expert, cast.app_b, "81")
    page = client.get(reverse("scoring:panel", args=[review.pk])).content.decode()
    assert cast.app_b.reference in page
    detail = client.get(reverse("scoring:propose", args=[review.pk, cast.app_b.pk])).content.decode()
    for expert in experts:
        assert expert.code in detail
    assert "82.5" in detail and "偏离" in detail  # 40 is 40 points from the median 80


def test_the_trimmed_mean_of_five_and_the_outlier_are_the_proposals_figures(cast, five):
    draw, experts, review = five
    scored(draw, cast.expert.expert, cast.app_b, "81")
    conclusion = actions.do_propose_conclusion(
        review, cast.app_b, recommended=True, opinion="专家组同意推荐", actor=cast.expert
    )
    figures = conclusion.aggregate
    assert figures["rule_applied"] == "trimmed_mean"
    assert figures["value"] == "80.00"  # 80, 81, 79 after dropping 82.5 and 40
    assert figures["dropped"] == [experts[2].code, experts[4].code]
    assert figures["outliers"] == [experts[4].code]
    assert {t["expert"]: t["total"] for t in figures["totals"]}[experts[4].code] == "40.0"


def test_no_proposal_before_every_expert_submitted_and_only_by_the_leader(cast, five):
    _draw, experts, review = five
    with pytest.raises(PermissionDenied, match="组长"):
        actions.do_propose_conclusion(review, cast.app_b, recommended=True, opinion="x", actor=experts[1].user)
    with pytest.raises(ValidationError, match="4/5"):
        actions.do_propose_conclusion(review, cast.app_b, recommended=True, opinion="x", actor=cast.expert)


def test_a_veto_makes_the_panel_not_recommend(cast, five):
    draw, _experts, review = five
    veto = sheet_of(cast.app_b).vetoes[0].key
    scored(draw, cast.expert.expert, cast.app_b, "81", vetoes=[veto], recommended=False)
    with pytest.raises(ValidationError, match="一票否决"):
        actions.do_propose_conclusion(review, cast.app_b, recommended=True, opinion="推荐", actor=cast.expert)
    assert not actions.do_propose_conclusion(
        review, cast.app_b, recommended=False, opinion="材料不实", actor=cast.expert
    ).recommended


def test_the_department_confirms_and_the_application_moves_on(cast, client, five):
    draw, _experts, review = five
    scored(draw, cast.expert.expert, cast.app_b, "81")
    first = actions.do_propose_conclusion(review, cast.app_b, recommended=False, opinion="再议", actor=cast.expert)
    latest = actions.do_propose_conclusion(review, cast.app_b, recommended=True, opinion="同意推荐", actor=cast.expert)
    with pytest.raises(ValidationError, match="最新"):
        actions.do_confirm_conclusion(first, actor=cast.dept)
    client.force_login(cast.dept)
    page = client.get(reverse("scoring:application", args=[review.pk, cast.app_b.pk])).content.decode()
    assert "同意推荐" in page and "确认专家推荐结论" in page
    assert client.post(reverse("scoring:confirm", args=[latest.pk])).status_code == 302
    application = Application.objects.get(pk=cast.app_b.pk)
    assert application.status == Status.EXPERT_RECOMMENDED
    event = application.events.latest("at")
    assert event.action == "confirm_expert_conclusion" and event.data["aggregate"] == "80.00"
    assert ExpertConclusion.objects.get(application=application).score == Decimal("80.00")
    assert Judgement.objects.filter(application=application, rule="technical_merit", result="pass").exists()
    # once: a second confirmation, or a new proposal, is refused
    assert client.post(reverse("scoring:confirm", args=[latest.pk])).status_code == 403
    with pytest.raises(ValidationError, match="不在专家评审环节"):
        actions.do_propose_conclusion(review, application, recommended=False, opinion="改", actor=cast.expert)


def test_the_paper_conclusion_says_so_in_the_history(cast):
    from tests.journeys import conclude

    cast.app_a.refresh_from_db()
    from tests.experts.builders import in_review

    in_review(cast, cast.app_a)
    conclude(cast, cast.app_a)
    event = cast.app_a.events.latest("at")
    assert event.action == "record_expert_conclusion"
    from smartmfg.workflow.table import step

    assert "纸质" in str(step(event.action).label)


def test_replacing_an_expert_refills_the_seat_and_the_new_one_scores_afresh(cast, five):
    draw, experts, review = five
    spare = pool(equipment=1)[0]
    from smartmfg.experts.models import Invitation, InvitationStatus

    Invitation.objects.create(
        draw=draw, expert=spare, position=9, status=InvitationStatus.ACCEPTED, answer_by=draw.answer_by
    )
    late = seat(draw, experts[4], cast.app_b)
    new = actions.do_replace_scorer(late, reason="联系不上", actor=cast.dept)
    assert new is not None and new.expert == spare
    scores = actions.standing_scores(review, cast.app_b)
    assert experts[4].code not in {s.seat.expert.code for s in scores}  # the 40 no longer counts
    scored(draw, cast.expert.expert, cast.app_b, "81")
    with pytest.raises(ValidationError, match="4/5"):  # the new expert has not scored yet
        actions.do_propose_conclusion(review, cast.app_b, recommended=True, opinion="x", actor=cast.expert)
    from smartmfg.experts.actions import do_declare_no_conflict

    do_declare_no_conflict(new, actor=spare.user)  # the new expert declares before the material opens
    scored(draw, spare, cast.app_b, "85")
    conclusion = actions.do_propose_conclusion(review, cast.app_b, recommended=True, opinion="同意", actor=cast.expert)
    assert conclusion.aggregate["value"] == "81.17"  # 80, 82.5, 79, 81, 85: 85 and 79 dropped
    assert Conclusion.objects.count() == 1


def test_the_summary_table_and_the_signed_sheet(cast, client, five):
    draw, _experts, review = five
    mine = scored(draw, cast.expert.expert, cast.app_b, "81")
    client.force_login(cast.dept)
    workbook = load_workbook(io.BytesIO(client.get(reverse("scoring:summary", args=[review.pk, "xlsx"])).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert "去掉一个最高分和一个最低分" in rows[1][0]
    assert rows[3][0] == 1 and rows[3][1] == cast.app_b.reference and rows[3][7] == "80.00"
    assert client.get(reverse("scoring:summary", args=[review.pk, "pdf"])).content.startswith(b"%PDF")
    assert client.get(reverse("scoring:summary", args=[review.pk, "doc"])).status_code == 404
    client.force_login(cast.expert)
    sheet = client.get(reverse("scoring:sheet_pdf", args=[mine.pk]))
    assert sheet.status_code == 200 and sheet.content.startswith(b"%PDF")


def test_the_conclusion_cannot_be_taken_around_the_scores(cast, client, five):
    """``confirm_expert_conclusion`` is the proposal's: neither the application's page nor the API takes it."""
    from smartmfg.api.actions import do_issue_api_token

    _token, key = do_issue_api_token(cast.dept, name="业务系统", actor=cast.admin)
    url = f"/api/v1/applications/{cast.app_b.pk}/steps/confirm_expert_conclusion"
    response = client.post(
        url, {"reason": "直接确认"}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 404
    client.force_login(cast.dept)
    page = reverse("applications:step", args=[cast.app_b.pk, "confirm_expert_conclusion"])
    assert client.post(page, {"reason": "直接确认"}).status_code == 404
    assert Application.objects.get(pk=cast.app_b.pk).status == Status.EXPERT_REVIEW


def test_the_history_names_the_step_and_says_a_paper_review_is_one(cast, client, five):
    draw, _experts, review = five
    scored(draw, cast.expert.expert, cast.app_b, "81")
    conclusion = actions.do_propose_conclusion(review, cast.app_b, recommended=True, opinion="同意", actor=cast.expert)
    actions.do_confirm_conclusion(conclusion, actor=cast.dept)
    client.force_login(cast.ent_b)
    page = client.get(reverse("applications:detail", args=[cast.app_b.pk])).content.decode()
    assert "确认专家推荐结论" in page and "→ 专家推荐" in page
    assert cast.expert.expert.code not in page and "81.0" not in page  # no expert, no one expert's score


def test_a_panel_scoring_online_has_no_paper_conclusion(cast, client, five):
    from smartmfg.evaluations.actions import do_record_expert_conclusion

    with pytest.raises(PermissionDenied, match="专家在平台上评分"):
        do_record_expert_conclusion(
            cast.app_b,
            score=Decimal("90"),
            recommended=True,
            summary="纸面结论",
            files=[factories.pdf_upload("专家评审结论.pdf")],
            actor=cast.dept,
        )
    client.force_login(cast.dept)
    page = client.get(reverse("applications:detail", args=[cast.app_b.pk])).content.decode()
    assert "专家在平台上评分" in page  # the disabled button says why
