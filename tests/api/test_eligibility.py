"""``POST /api/v1/eligibility``: the calculator, without an account, storing nothing."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from smartmfg.api.eligibility import MAX_DOCUMENTS, RATE
from smartmfg.api.examples import EXAMPLE_APPLICATION
from smartmfg.applications.models import Application
from smartmfg.enterprises.models import Enterprise
from smartmfg.rules import judge, parse_application
from tests.eligibility.documents import document, text

URL = "/api/v1/eligibility"


def post(client, body: str | bytes, **params: str):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return client.post(f"{URL}?{query}" if query else URL, body, content_type="application/json")


@pytest.mark.django_db
def test_one_application_gets_one_verdict_in_the_commands_json(client) -> None:
    response = post(client, text(EXAMPLE_APPLICATION))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    answer = response.json()
    expected = judge(parse_application(EXAMPLE_APPLICATION))
    assert answer == {"source": "request", **expected.to_dict("zh")}
    assert (answer["eligible"], answer["track"], answer["eligible_investment"]) == (True, "recognition", "20400000.00")
    assert "软硬件" in response.content.decode("utf-8")  # Chinese as itself, not escaped
    assert Enterprise.objects.filter(uscc=EXAMPLE_APPLICATION["enterprise"]["uscc"]).count() == 0


@pytest.mark.django_db
def test_an_array_gets_an_array_in_english(client) -> None:
    response = post(client, text(document(), document(total="1000.00")), lang="en")
    answer = response.json()
    assert response.status_code == 200 and [a["source"] for a in answer] == ["request[0]", "request[1]"]
    assert [a["eligible"] for a in answer] == [True, False]
    check = next(c for c in answer[1]["checks"] if c["rule"] == "investment_threshold")
    assert check["message"].startswith("Recognition track")


@pytest.mark.django_db
def test_invalid_input_is_400_with_every_path_and_message(client) -> None:
    bad = document()
    bad["investments"][0]["amount"] = -5
    bad["tier"] = "big_factory"
    response = post(client, text(document(), bad))
    assert response.status_code == 400
    answer = response.json()
    assert answer["detail"] == "申报数据无效"
    assert [(e["source"], e["path"]) for e in answer["errors"]] == [
        ("request[1]", "tier"),
        ("request[1]", "investments[0].amount"),
    ]
    assert "金额不能为负数" in answer["errors"][1]["message"]
    english = post(client, text(bad), lang="en").json()
    assert english["errors"][1]["message"] == "an amount cannot be negative (-5)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "message"),
    [(b"", "不是有效的JSON"), (b"{oops", "不是有效的JSON"), (b"[1]", "申报对象"), (b"NaN", "NaN")],
)
def test_what_is_not_an_application_is_400(client, body: bytes, message: str) -> None:
    response = post(client, body)
    assert response.status_code == 400 and message in response.json()["errors"][0]["message"]


@pytest.mark.django_db
def test_at_most_a_thousand_applications_a_request(client) -> None:
    response = post(client, json.dumps([{}] * (MAX_DOCUMENTS + 1)))
    assert response.status_code == 400
    assert f"一次最多判定{MAX_DOCUMENTS}项申报" in response.json()["errors"][0]["message"]


def test_a_calls_policy_applies_when_the_call_is_public(client, cast) -> None:
    from smartmfg.eligibility.actions import do_change_policy

    do_change_policy(cast.call, {"min_investment.digital_workshop": "22000000.00"}, reason="试", actor=cast.dept)
    assert post(client, text(document())).json()["eligible"] is True
    assert post(client, text(document()), call=str(cast.call.pk)).json()["eligible"] is False
    assert post(client, text(document()), call="999999").status_code == 404


def test_anonymous_callers_are_limited_per_address(client, db) -> None:
    allowed = int(RATE.split("/")[0])
    for _ in range(allowed):
        assert post(client, b"{}").status_code == 400
    throttled = post(client, b"{}")
    assert throttled.status_code == 429 and throttled.json()["detail"] == "请求过于频繁，请稍后再试"
    assert int(throttled["Retry-After"]) >= 1


def test_nothing_is_stored(client, cast) -> None:
    before = (Application.objects.count(), Enterprise.objects.count())
    post(client, text(document(), document(tier="smart_factory")))
    assert (Application.objects.count(), Enterprise.objects.count()) == before


def test_the_openapi_document_and_the_docs_page_are_served(client, db) -> None:
    schema = client.get(reverse("api:openapi-json")).json()
    assert set(schema["paths"]) == {
        "/api/v1/eligibility",
        "/api/v1/applications",
        "/api/v1/applications/{application_id}",
        "/api/v1/applications/{application_id}/steps/{action}",
        "/api/v1/public/publications",
        "/api/v1/public/publications/{publication_id}/entries",
        "/api/v1/public/certificates/{number}",
    }
    body = schema["paths"]["/api/v1/eligibility"]["post"]["requestBody"]["content"]["application/json"]
    assert body["example"] == EXAMPLE_APPLICATION
    assert "$defs" not in json.dumps(body["schema"])
    document_schema = body["schema"]["oneOf"][0]
    assert "investments" in document_schema["properties"]
    assert schema["components"]["securitySchemes"] == {
        "TokenAuth": {"type": "http", "scheme": "bearer"},
        "BrowserSession": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
    }
    assert "security" not in schema["paths"]["/api/v1/eligibility"]["post"]  # no account needed
    assert schema["paths"]["/api/v1/applications"]["get"]["security"] == [{"TokenAuth": []}, {"BrowserSession": []}]
    docs = client.get(reverse("api:openapi-view"))
    page = docs.content.decode()
    assert docs.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert "<script>" not in page  # no inline script: the CSP allows the site's own files only
