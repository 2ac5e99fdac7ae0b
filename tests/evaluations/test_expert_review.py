"""Art. 9: the experts' conclusion and on-site spot checks, recorded by the Department."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from smartmfg.applications.models import Attachment, Judgement
from smartmfg.evaluations.actions import do_order_spot_check, do_record_expert_conclusion, do_record_spot_check
from smartmfg.evaluations.models import ExpertConclusion, SpotCheck
from tests import factories
from tests.journeys import advance, today


def conclude(application, actor, **overrides):
    values = {
        "score": Decimal("88.25"),
        "recommended": True,
        "summary": "车间数据贯通，达到数字化车间要求",
        "files": [factories.pdf_upload("专家签字结论.pdf")],
        **overrides,
    }
    return do_record_expert_conclusion(application, actor=actor, **values)


def test_a_recommending_conclusion_records_score_judgement_and_signed_file(cast):
    application = advance(cast, cast.app_a, "expert_review")

    conclusion = conclude(application, cast.dept)

    application.refresh_from_db()
    assert application.status == "expert_recommended"
    assert conclusion.score == Decimal("88.25")
    judgement = Judgement.objects.get(application=application, rule="technical_merit")
    assert (judgement.result, judgement.judged_by, judgement.role) == ("pass", cast.dept, "department")
    event = application.events.get(action="record_expert_conclusion")
    assert conclusion.event == event
    assert event.data == {"score": "88.25", "recommended": True}
    assert [a.original_name for a in event.attachments.all()] == ["专家签字结论.pdf"]
    assert event.attachments.get().kind == "expert_conclusion"


def test_a_conclusion_against_records_a_failed_technical_merit(cast):
    application = advance(cast, cast.app_a, "expert_review")

    conclude(application, cast.dept, recommended=False, score=Decimal("52"))

    application.refresh_from_db()
    assert application.status == "expert_not_recommended"
    assert Judgement.objects.get(application=application, rule="technical_merit").result == "fail"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"score": Decimal("100.01")}, "score"),
        ({"score": Decimal("-1")}, "score"),
        ({"score": Decimal("80.125")}, "score"),
        ({"summary": "  "}, "reason"),
        ({"files": []}, "documents"),
    ],
)
def test_bad_conclusions_are_refused_naming_the_field_and_change_nothing(cast, overrides, field):
    application = advance(cast, cast.app_a, "expert_review")

    with pytest.raises(ValidationError) as refused:
        conclude(application, cast.dept, **overrides)

    assert field in refused.value.message_dict
    application.refresh_from_db()
    assert application.status == "expert_review"
    assert not ExpertConclusion.objects.exists()
    assert not Judgement.objects.filter(rule="technical_merit").exists()
    assert not Attachment.objects.filter(kind="expert_conclusion").exists()


def test_a_conclusion_needs_the_expert_review_state_and_the_department(cast):
    recommended = advance(cast, cast.app_a, "recommended")
    with pytest.raises(PermissionDenied):
        conclude(recommended, cast.dept)
    in_review = advance(cast, cast.app_b, "expert_review")
    with pytest.raises(PermissionDenied):
        conclude(in_review, cast.jilin)
    assert not ExpertConclusion.objects.exists()


def test_the_conclusion_form_on_the_application_page(client, cast):
    application = advance(cast, cast.app_a, "expert_review")
    client.force_login(cast.dept)
    url = reverse("applications:step", args=[application.pk, "record_expert_conclusion"])

    page = client.get(reverse("applications:detail", args=[application.pk]))
    assert "专家签字的评审结论" in page.content.decode()

    bad = client.post(url, {"score": "120", "recommended": "yes", "reason": "意见"})
    assert bad.status_code == 400
    assert "评审得分" in bad.content.decode()

    good = client.post(
        url,
        {"score": "91.50", "recommended": "yes", "reason": "推荐", "documents": [factories.pdf_upload()]},
    )
    assert good.status_code == 302
    application.refresh_from_db()
    assert application.status == "expert_recommended"


# ------------------------------------------------------------------ spot checks


def test_ordering_a_spot_check_blocks_a_second_one_until_its_findings(cast):
    application = advance(cast, cast.app_a, "expert_review")

    check = do_order_spot_check(application, purpose="核实设备投资和系统运行", actor=cast.dept)

    assert check.is_pending and check.purpose == "核实设备投资和系统运行"
    assert application.events.get(action="order_spot_check").reason == "核实设备投资和系统运行"
    with pytest.raises(PermissionDenied, match="现场抽查尚未录入结果"):
        do_order_spot_check(application, purpose="再次抽查", actor=cast.dept)


def test_recording_the_findings_with_the_report(cast):
    application = advance(cast, cast.app_a, "expert_review")
    do_order_spot_check(application, purpose="核实投资", actor=cast.dept)

    check = do_record_spot_check(
        application,
        visited_on=today(),
        inspectors="张三、李四",
        findings="现场情况与申报材料一致",
        passed=True,
        files=[factories.pdf_upload("抽查报告.pdf")],
        actor=cast.dept,
    )

    check.refresh_from_db()
    assert (check.passed, check.inspectors, check.visited_on) == (True, "张三、李四", today())
    assert check.event.attachments.get().kind == "spot_check_report"
    application.refresh_from_db()
    assert application.status == "expert_review"  # recorded in place


def test_findings_without_an_ordered_check_or_with_bad_input_are_refused(cast):
    application = advance(cast, cast.app_a, "expert_review")
    findings = {
        "visited_on": today(),
        "inspectors": "张三",
        "findings": "一致",
        "passed": True,
        "files": [factories.pdf_upload()],
    }
    with pytest.raises(PermissionDenied, match="没有待录入结果的现场抽查"):
        do_record_spot_check(application, **findings, actor=cast.dept)

    do_order_spot_check(application, purpose="核实", actor=cast.dept)
    for bad, field in (
        ({"visited_on": today() + dt.timedelta(days=1)}, "visited_on"),
        ({"files": []}, "documents"),
        ({"inspectors": ""}, "inspectors"),
    ):
        with pytest.raises(ValidationError) as refused:
            do_record_spot_check(application, **{**findings, **bad}, actor=cast.dept)
        assert field in refused.value.message_dict
    assert SpotCheck.objects.get().is_pending


def test_a_purpose_is_required(cast):
    application = advance(cast, cast.app_a, "expert_review")
    with pytest.raises(ValidationError) as refused:
        do_order_spot_check(application, purpose=" ", actor=cast.dept)
    assert "reason" in refused.value.message_dict
    assert not SpotCheck.objects.exists()


def test_the_conclusion_waits_for_a_pending_spot_check(cast):
    application = advance(cast, cast.app_a, "expert_review")
    do_order_spot_check(application, purpose="核实", actor=cast.dept)
    with pytest.raises(PermissionDenied, match="现场抽查尚未录入结果"):
        conclude(application, cast.dept)
    assert not ExpertConclusion.objects.exists()
