"""``/api/v1/public/...``: the published lists and verification, paged, cached, without an account."""

from __future__ import annotations

from django.urls import reverse

from smartmfg.certificates.models import Certificate
from tests.certificates.helpers import published, revoke, with_cultivation
from tests.journeys import cultivation_application


def test_the_lists_page_without_login(client, cast):
    first = published(cast, cast.app_a, number=1)
    second = published(cast, cast.app_b, number=2)
    response = client.get("/api/v1/public/publications", {"page_size": 1})
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["pages"], body["page"]) == (2, 2, 1)
    assert body["items"][0]["id"] in {first.pk, second.pk}
    item = body["items"][0]
    assert item["downloads"]["csv"] == reverse("opendata:publication_csv", args=[item["id"]])
    assert item["entries_url"] == reverse("api:public_publication_entries", args=[item["id"]])
    page_two = client.get("/api/v1/public/publications", {"page_size": 1, "page": 2}).json()
    assert {body["items"][0]["id"], page_two["items"][0]["id"]} == {first.pk, second.pk}
    assert client.get("/api/v1/public/publications", {"year": 1999}).json()["count"] == 0
    assert response["Cache-Control"] == "public, max-age=60"


def test_the_entries_of_a_list_page_with_their_numbers_and_status(client, cast):
    publication = published(cast, cast.app_a, cast.app_b, cultivation_application(cast))
    body = client.get(f"/api/v1/public/publications/{publication.pk}/entries", {"page_size": 2}).json()
    assert (body["count"], body["pages"], len(body["items"])) == (3, 2, 2)
    assert body["publication"]["document_number"] == publication.document_number
    assert body["items"][0]["recognition_number"] == f"吉数车-{cast.call.year}-0001"
    assert body["items"][0]["status"] == "valid" and body["items"][0]["revoked_on"] is None
    rest = client.get(f"/api/v1/public/publications/{publication.pk}/entries", {"page_size": 2, "page": 2}).json()
    assert [i["position"] for i in rest["items"]] == [3]
    assert rest["items"][0]["status"] == "cultivation"


def test_a_revocation_shows_at_once_despite_the_cache(client, cast, django_capture_on_commit_callbacks):
    publication = with_cultivation(cast)
    url = f"/api/v1/public/publications/{publication.pk}/entries"
    assert client.get(url).json()["items"][0]["status"] == "valid"  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        revocation = revoke(cast, cast.app_a)
    line = client.get(url).json()["items"][0]
    assert (line["status"], line["revoked_on"]) == ("revoked", revocation.revoked_on.isoformat())


def test_answers_are_cached(client, cast, django_assert_num_queries):
    publication = with_cultivation(cast)
    url = f"/api/v1/public/publications/{publication.pk}/entries"
    client.get(url)
    with django_assert_num_queries(1):  # the publication itself (404 when it is not there); the rows are cached
        client.get(url)


def test_verification_by_number(client, cast):
    with_cultivation(cast)
    certificate = Certificate.objects.select_related("publication").get(application=cast.app_a)
    number = certificate.number
    body = client.get(reverse("api:public_certificate", args=[number])).json()
    assert body == {
        "number": number,
        "enterprise": "长春甲企业有限公司",
        "tier": "digital_workshop",
        "tier_label": "数字化车间（生产线）",
        "project": cast.app_a.project_name,
        "published_on": certificate.publication.published_on.isoformat(),
        "status": "valid",
        "status_label": "有效（已认定）",
        "revoked_on": None,
        "url": reverse("opendata:verify", args=[number]),
    }
    english = client.get(reverse("api:public_certificate", args=[number]), {"lang": "en"}).json()
    assert english["tier_label"] == "digital workshop (production line)"


def test_unknown_numbers_and_lists_are_404(client, cast):
    response = client.get(reverse("api:public_certificate", args=["吉数车-2099-9999"]))
    assert response.status_code == 404 and "吉数车-2099-9999" in response.json()["detail"]
    assert client.get("/api/v1/public/publications/999999/entries").status_code == 404
    assert client.get("/api/v1/public/publications", {"page_size": 101}).status_code == 400


def test_the_public_endpoints_are_in_the_openapi_document_without_security(client, cast):
    schema = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/public/publications",
        "/api/v1/public/publications/{publication_id}/entries",
        "/api/v1/public/certificates/{number}",
    ):
        operation = schema["paths"][path]["get"]
        assert "security" not in operation or operation["security"] == [], path
        assert operation["tags"] == ["公开数据"]
    assert "PublicEntryOut" in schema["components"]["schemas"]
    assert client.post("/api/v1/public/publications").status_code == 405
