"""The workflow through the API: what one may see, the steps one may take, and every refusal."""

from __future__ import annotations

from django.test import Client

from smartmfg.applications.models import Application, ApplicationEvent
from smartmfg.calls.actions import do_close_call
from tests import factories


def detail_url(application: Application) -> str:
    return f"/api/v1/applications/{application.pk}"


def step_url(application: Application, action: str) -> str:
    return f"/api/v1/applications/{application.pk}/steps/{action}"


def test_the_list_shows_what_the_user_may_see_in_a_fixed_number_of_queries(
    client, cast, django_assert_max_num_queries
) -> None:
    draft = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    expected = {
        "ent_a": {cast.app_a.reference, draft.reference},
        "changchun": {cast.app_a.reference},
        "jilin": {cast.app_b.reference},
        "dept": {cast.app_a.reference, cast.app_b.reference},
        "expert": set(),
    }
    for persona, references in expected.items():
        client.force_login(cast.persona(persona))
        with django_assert_max_num_queries(6):
            answer = client.get("/api/v1/applications").json()
        assert {item["reference"] for item in answer["items"]} == references, persona
        assert answer["count"] == len(references)
    client.force_login(cast.dept)
    item = client.get("/api/v1/applications").json()["items"][0]
    assert set(item) >= {"id", "reference", "url", "call", "enterprise", "tier", "status", "verdict", "jurisdiction"}
    assert item["verdict"]["eligible_investment"] == "21000000.00"
    assert item["url"] == f"/applications/{item['id']}/"


def test_the_list_filters_and_pages(client, cast) -> None:
    client.force_login(cast.dept)
    other = factories.open_call(cast.dept)
    for index in range(3):
        company = factories.enterprise(f"翻页企业{index}", "220102")
        factories.submitted_application(other, factories.enterprise_user(f"page{index}", company))
    assert client.get("/api/v1/applications", {"call": other.pk}).json()["count"] == 3
    page = client.get("/api/v1/applications", {"page_size": 2, "page": 2}).json()
    assert (page["count"], page["pages"], len(page["items"])) == (5, 3, 2)
    assert client.get("/api/v1/applications", {"status": "recognised"}).json()["count"] == 0
    assert client.get("/api/v1/applications", {"verdict": "eligible", "tier": "digital_workshop"}).json()["count"] == 2
    wrong = client.get("/api/v1/applications", {"status": "nonsense"})
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["path"] == "status"
    assert client.get("/api/v1/applications", {"page_size": 1000}).status_code == 400
    assert client.get("/api/v1/applications", {"page": "x"}).status_code == 400


def test_the_detail_has_content_verdict_history_and_the_steps_with_reasons(client, cast) -> None:
    client.force_login(cast.changchun)
    answer = client.get(detail_url(cast.app_a)).json()
    assert answer["reference"] == cast.app_a.reference and answer["status"] == "submitted"
    assert answer["status_label"] == "待初审"
    assert answer["investments"][0]["amount"] == "21000000.00"
    assert answer["verdict"]["source"] == cast.app_a.reference
    assert {c["rule"] for c in answer["verdict"]["checks"]} >= {"investment_threshold", "credit_rating"}
    assert [(e["action"], e["to_status"]) for e in answer["history"]] == [("submit", "submitted")]
    steps = {s["action"]: s for s in answer["steps"]}
    assert set(steps) == {"bureau_pass", "bureau_return", "bureau_reject"}
    assert steps["bureau_pass"]["allowed"] is False
    assert steps["bureau_pass"]["reason"].startswith(
        "不符合认定条件，不能办理：“生产运营和财务状况良好”（第四条）尚未判断"
    )
    assert steps["bureau_return"] == {
        "action": "bureau_return",
        "label": "退回修改",
        "article": "第八条",
        "allowed": True,
        "reason": "",
        "needs_reason": True,
        "via_api": True,
        "confirm": "",
    }
    english = client.get(detail_url(cast.app_a), {"lang": "en"}).json()
    assert english["tier_label"] == "digital workshop (production line)"
    assert english["verdict"]["checks"][0]["message"].startswith("the applicant is")


def test_taking_a_step_moves_the_state_and_records_who_and_why(client, cast) -> None:
    client.force_login(cast.changchun)
    response = client.post(
        step_url(cast.app_a, "bureau_return"),
        {"reason": "请补充发票清单", "seen": "submitted"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "returned"
    event = ApplicationEvent.objects.filter(application=cast.app_a).latest("id")
    assert (event.action, event.actor, event.reason) == ("bureau_return", cast.changchun, "请补充发票清单")
    assert response.json()["history"][-1]["reason"] == "请补充发票清单"


def test_a_form_post_works_too(client, cast) -> None:
    client.force_login(cast.ent_a)
    response = client.post(step_url(cast.app_a, "withdraw"), {"reason": ""})
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"


def test_refusals(client, cast) -> None:
    client.force_login(cast.changchun)
    # The table's guard: the reason the page shows on its disabled button.
    refused = client.post(step_url(cast.app_a, "bureau_pass"), {}, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("不符合认定条件，不能办理：“生产运营和财务状况良好”（第四条）尚未判断")
    # Another role's step.
    refused = client.post(step_url(cast.app_a, "withdraw"), {}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["detail"] == "此事项需由申报企业办理"
    # A reason the step needs.
    missing = client.post(step_url(cast.app_a, "bureau_return"), {"reason": " "}, content_type="application/json")
    assert missing.status_code == 400 and missing.json()["errors"] == [
        {"path": "reason", "message": "请填写意见或理由"}
    ]
    # Not visible: 404 exactly as for a missing application.
    assert (
        client.post(step_url(cast.app_b, "bureau_return"), {"reason": "x"}, content_type="application/json").status_code
        == 404
    )
    assert (
        client.post(
            "/api/v1/applications/999999/steps/bureau_return", {"reason": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
    # Unknown steps and steps taken by documents (letters, notices) are not single steps.
    assert client.post(step_url(cast.app_a, "fly"), {}, content_type="application/json").status_code == 404
    assert client.post(step_url(cast.app_a, "recommend"), {}, content_type="application/json").status_code == 404
    assert Application.objects.get(pk=cast.app_a.pk).status == "submitted"


def test_conflicts(client, cast) -> None:
    client.force_login(cast.ent_a)
    stale = client.post(step_url(cast.app_a, "withdraw"), {"seen": "returned"}, content_type="application/json")
    assert stale.status_code == 409 and "状态已变化" in stale.json()["detail"]
    assert client.post(step_url(cast.app_a, "withdraw"), {}, content_type="application/json").status_code == 200
    again = client.post(step_url(cast.app_a, "withdraw"), {}, content_type="application/json")
    assert again.status_code == 409 and again.json()["detail"] == "当前状态（已撤回）不能办理“撤回申报”"


def test_steps_that_record_more_than_a_reason_stay_on_the_page(client, cast) -> None:
    Application.objects.filter(pk=cast.app_a.pk).update(status="expert_review")
    client.force_login(cast.dept)
    steps = {s["action"]: s for s in client.get(detail_url(cast.app_a)).json()["steps"]}
    assert steps["record_expert_conclusion"]["via_api"] is False
    response = client.post(step_url(cast.app_a, "record_expert_conclusion"), {}, content_type="application/json")
    assert response.status_code == 400 and "请在申报页面办理" in response.json()["detail"]


def test_anonymous_callers_are_asked_to_sign_in(client, cast) -> None:
    for response in (
        client.get("/api/v1/applications"),
        client.get(detail_url(cast.app_a)),
        client.post(step_url(cast.app_a, "withdraw"), {}, content_type="application/json"),
    ):
        assert response.status_code == 401 and "请先登录" in response.json()["detail"]


def test_a_browser_session_must_send_its_csrf_token_to_write(cast) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cast.ent_a)
    assert browser.get(detail_url(cast.app_a)).status_code == 200  # reading needs no token
    refused = browser.post(step_url(cast.app_a, "withdraw"), {}, content_type="application/json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    browser.get("/")  # every page carries the CSRF token and sets its cookie
    token = browser.cookies["csrftoken"].value
    done = browser.post(step_url(cast.app_a, "withdraw"), {}, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert done.status_code == 200


def test_a_closed_call_still_lets_reviewers_act(client, cast) -> None:
    do_close_call(cast.call, actor=cast.dept)
    client.force_login(cast.jilin)
    response = client.post(step_url(cast.app_b, "bureau_return"), {"reason": "补正"}, content_type="application/json")
    assert response.status_code == 200
