"""The verdict binds every step (domain.md §6): each gate refuses an application failing a rule it requires,
through the page, the API and the action alike, with the rule's message, and lets it through once fixed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from smartmfg.applications.models import Application
from smartmfg.enterprises.actions import do_record_violation
from smartmfg.evaluations.actions import Ruling, do_record_deliberation
from smartmfg.notices.actions import do_publish, do_start_notice
from smartmfg.reviews.actions import LetterConflict, do_record_judgement, do_send_letter
from smartmfg.wizard import actions
from smartmfg.workflow import actions as submission
from smartmfg.workflow.batch import BatchRefused
from smartmfg.workflow.transition import transition
from tests import factories
from tests.journeys import (
    advance,
    conclude,
    document_number,
    draft,
    end_notice,
    pass_review,
    start_notice,
    today,
)

SHORT = "不符合“软硬件完成投资”（第五条第1款）"
FINED = "不符合“近年无违法行为”（第四条）"
NO_CREDIT = "不符合“企业信用核查结果”（第四条）"


def api_step(client, application: Application, action: str, **body):
    return client.post(f"/api/v1/applications/{application.pk}/steps/{action}", body, content_type="application/json")


def page_step(client, application: Application, action: str, **data):
    return client.post(reverse("applications:step", args=[application.pk, action]), data)


def detail(client, application: Application) -> str:
    return client.get(reverse("applications:detail", args=[application.pk])).content.decode()


def fine(cast, application: Application) -> None:
    """An unlawful act recorded after the application was made: it counts at every later step (Art. 4)."""
    do_record_violation(
        application.enterprise, {"occurred_on": today(), "description": "环保行政处罚"}, actor=cast.dept
    )


def status(application: Application) -> str:
    application.refresh_from_db()
    return application.status


# ------------------------------------------------------------------- submission


@pytest.fixture
def short_draft(cast):
    """A complete draft one fen short of the digital workshop's 20,000,000 yuan (Art. 5 §1)."""
    application = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    actions.do_replace_investments(application, factories.investments(Decimal("39999999.99")), actor=cast.ent_a)
    return application


def test_submission_is_refused_on_the_check_page_the_api_and_the_action(client, cast, short_draft):
    client.force_login(cast.ent_a)
    confirm = client.get(reverse("apply:confirm", args=[short_draft.pk])).content.decode()
    assert "不符合认定条件，暂不能提交" in confirm
    assert "不符合“软硬件完成投资”（第六条第1款）" in confirm and "3,999.999999万元" in confirm
    assert 'id="failing-rules"' in confirm and "disabled" in confirm

    page = client.post(reverse("apply:submit", args=[short_draft.pk]))
    assert page.status_code == 403 and "不符合“软硬件完成投资”（第六条第1款）" in page.content.decode()
    api = api_step(client, short_draft, "submit")
    assert api.status_code == 403 and "不符合“软硬件完成投资”（第六条第1款）" in api.json()["detail"]
    with pytest.raises(PermissionDenied, match="软硬件完成投资"):
        submission.do_submit_application(short_draft, actor=cast.ent_a)
    assert status(short_draft) == "draft" and not short_draft.submissions.exists()

    # Fixed, it goes.
    actions.do_replace_investments(short_draft, factories.investments(Decimal("41000000.00")), actor=cast.ent_a)
    assert client.post(reverse("apply:submit", args=[short_draft.pk])).status_code == 302
    assert status(short_draft) == "submitted"


def test_a_missing_credit_check_does_not_hold_up_submission(cast):
    company = factories.enterprise("长春无信用核查企业有限公司", "220102")
    applicant = factories.enterprise_user("ent_c", company)
    application = factories.submitted_application(cast.call, applicant)  # no reviewer: no credit check on file
    assert application.status == "submitted"
    assert application.verdict_results["credit_rating"] == "fail"


def test_a_resubmission_after_a_return_is_judged_again(cast):
    transition(cast.app_a, "bureau_return", cast.changchun, reason="请补充")
    cast.app_a.refresh_from_db()
    actions.do_replace_investments(cast.app_a, factories.investments(Decimal("100.00")), actor=cast.ent_a)
    with pytest.raises(PermissionDenied, match="软硬件完成投资"):
        submission.do_submit_application(cast.app_a, actor=cast.ent_a)
    assert status(cast.app_a) == "returned"


# --------------------------------------------------------------- initial review


@pytest.fixture
def unchecked(cast):
    """Submitted with its operations judged in good order, but no credit check on file yet."""
    company = factories.enterprise("长春待核查企业有限公司", "220102")
    application = factories.submitted_application(cast.call, factories.enterprise_user("ent_c", company))
    do_record_judgement(application, "operations_finance", "pass", "经营正常", actor=cast.changchun)
    return application


def test_the_bureaus_pass_is_refused_on_the_page_the_api_and_the_action(client, cast, unchecked):
    client.force_login(cast.changchun)
    page = detail(client, unchecked)
    assert NO_CREDIT in page and "没有企业信用核查结果" in page
    assert 'aria-describedby="why-bureau_pass"' in page  # the disabled button says why
    assert page_step(client, unchecked, "bureau_pass", seen="submitted").status_code == 403
    api = api_step(client, unchecked, "bureau_pass")
    assert api.status_code == 403 and NO_CREDIT in api.json()["detail"]
    with pytest.raises(PermissionDenied, match="企业信用核查结果"):
        transition(unchecked, "bureau_pass", cast.changchun)
    assert status(unchecked) == "submitted"
    # The bureau may still return or reject it.
    steps = {s["action"]: s["allowed"] for s in client.get(f"/api/v1/applications/{unchecked.pk}").json()["steps"]}
    assert steps == {"bureau_pass": False, "bureau_return": True, "bureau_reject": True}

    factories.credit_check(unchecked.enterprise, cast.changchun)
    assert page_step(client, unchecked, "bureau_pass", seen="submitted").status_code == 302
    assert status(unchecked) == "bureau_passed"


def test_operations_judged_not_in_order_refuses_the_pass(cast):
    do_record_judgement(cast.app_a, "operations_finance", "fail", "连续两年亏损", actor=cast.changchun)
    with pytest.raises(PermissionDenied, match="生产运营和财务状况不符合要求（连续两年亏损）"):
        transition(cast.app_a, "bureau_pass", cast.changchun)


def test_a_letter_cannot_carry_an_application_that_fails_a_rule(client, cast):
    passed = pass_review(cast.app_a, cast.changchun)
    letter = draft(cast.changchun, [passed])
    fine(cast, passed)
    with pytest.raises(LetterConflict) as refused:
        do_send_letter(letter, actor=cast.changchun, revision=letter.revision)
    assert FINED in str(refused.value)
    assert status(passed) == "bureau_passed"

    client.force_login(cast.changchun)
    form = client.get(reverse("reviews:letter_new"), {"call": cast.call.pk}).content.decode()
    assert "不符合认定条件，不能列入" in form and FINED in form
    with pytest.raises(ValidationError, match="不符合认定条件，不能列入推荐函"):
        draft(cast.changchun, [passed])
    # Passed before the record was found: the bureau takes it back instead.
    transition(passed, "bureau_reject", cast.changchun, reason="近两年有违法行为")
    assert status(passed) == "bureau_rejected"


# ------------------------------------------------------------------- re-review


def test_the_re_review_judges_again_on_the_page_the_api_and_the_action(client, cast):
    recommended = advance(cast, cast.app_a, "recommended")
    fine(cast, recommended)
    client.force_login(cast.dept)
    assert FINED in detail(client, recommended)
    assert page_step(client, recommended, "requalify_pass", seen="recommended").status_code == 403
    api = api_step(client, recommended, "requalify_pass")
    assert api.status_code == 403 and FINED in api.json()["detail"]
    with pytest.raises(PermissionDenied, match="近年无违法行为"):
        transition(recommended, "requalify_pass", cast.dept)
    assert status(recommended) == "recommended"
    transition(recommended, "requalify_reject", cast.dept, reason="近两年有违法行为")
    assert status(recommended) == "department_rejected"


def test_the_re_review_is_judged_on_what_was_submitted(cast):
    """A later change of the working copy (none is possible once submitted) never reaches the verdict:
    the snapshot is what is judged."""
    recommended = advance(cast, cast.app_a, "recommended")
    Application.objects.filter(pk=recommended.pk).update(maturity_level=None)  # not through any action
    transition(recommended, "requalify_pass", cast.dept)
    assert status(recommended) == "expert_review"


# ------------------------------------------------- deliberation, notice, publication


def test_deliberation_holds_back_an_application_that_fails_a_rule(client, cast):
    recommended = advance(cast, cast.app_a, "expert_recommended")
    fine(cast, recommended)
    client.force_login(cast.dept)
    page = client.get(reverse("department:deliberation", args=[cast.call.pk]))
    html = page.content.decode()
    assert "不符合认定条件，不能审议通过" in html and FINED in html
    choices = [value for value, _ in page.context["form"].fields[f"decision_{recommended.pk}"].choices]
    assert "approve" not in choices
    with pytest.raises(BatchRefused) as refused:
        do_record_deliberation(
            cast.call, {recommended.pk: Ruling(True)}, meeting="会", held_on=today(), minutes="", actor=cast.dept
        )
    assert FINED in str(refused.value)
    assert status(recommended) == "expert_recommended"
    do_record_deliberation(
        cast.call,
        {recommended.pk: Ruling(False, "近两年有违法行为")},
        meeting="会",
        held_on=today(),
        minutes="",
        actor=cast.dept,
    )
    assert status(recommended) == "deliberation_rejected"


def test_a_notice_cannot_list_an_application_that_fails_a_rule(client, cast):
    approved = advance(cast, cast.app_a, "approved")
    fine(cast, approved)
    client.force_login(cast.dept)
    html = client.get(reverse("notices:start", args=[cast.call.pk])).content.decode()
    assert "不符合认定条件，暂缓" in html and FINED in html
    assert f'value="{approved.pk}" id="app-{approved.pk}" disabled' in html
    with pytest.raises(BatchRefused) as refused:
        do_start_notice(cast.call, [approved.pk], title="公示", starts_on=today(), contact="规划处", actor=cast.dept)
    assert FINED in str(refused.value)
    assert status(approved) == "approved"

    assert page_step(client, approved, "disqualify", seen="approved", reason="近两年有违法行为").status_code == 302
    assert status(approved) == "disqualified"


def test_publication_cannot_recognise_an_application_that_fails_a_rule(client, cast):
    passed = advance(cast, cast.app_a, "notice_passed")
    fine(cast, passed)
    client.force_login(cast.dept)
    html = client.get(reverse("notices:publish", args=[cast.call.pk])).content.decode()
    assert FINED in html
    with pytest.raises(BatchRefused) as refused:
        do_publish(
            cast.call,
            [passed.pk],
            document_number=document_number(90),
            title="公布",
            published_on=today(),
            actor=cast.dept,
        )
    assert FINED in str(refused.value)
    assert status(passed) == "notice_passed"
    api = api_step(client, passed, "disqualify", reason="近两年有违法行为")
    assert api.status_code == 200 and status(passed) == "disqualified"


def test_an_application_that_meets_every_rule_cannot_be_disqualified(client, cast):
    approved = advance(cast, cast.app_a, "approved")
    client.force_login(cast.dept)
    assert page_step(client, approved, "disqualify", seen="approved", reason="不想要了").status_code == 403
    with pytest.raises(PermissionDenied, match="符合认定条件"):
        transition(approved, "disqualify", cast.dept, reason="不想要了")
    assert status(approved) == "approved"


def test_an_application_in_notice_found_failing_is_taken_off_before_the_end(cast):
    notice = start_notice(cast, cast.call, advance(cast, cast.app_a, "approved"), ended=False)
    application = notice.applications.get()
    fine(cast, application)
    transition(application, "disqualify", cast.dept, reason="公示期间发现违法行为")
    assert status(application) == "disqualified"
    end_notice(cast, notice)
    assert status(application) == "disqualified"


def test_the_experts_not_recommending_keeps_technical_merit_from_passing(cast):
    reviewed = advance(cast, cast.app_a, "expert_review")
    conclude(cast, reviewed, recommended=False)
    reviewed.refresh_from_db()
    assert reviewed.status == "expert_not_recommended"
    assert reviewed.verdict_results["technical_merit"] == "fail"
