"""Importing applications from the browser: a JSON file in, one result per application out."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from smartmfg.applications.models import Application
from tests.eligibility.documents import document, text


def _upload(*documents: dict[str, object], name: str = "申报.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text(*documents).encode("utf-8"), content_type="application/json")


def test_each_application_is_reported_imported_with_its_link_or_with_its_errors(client, cast) -> None:
    bad = document()
    bad["project"]["region_code"] = "229999"
    client.force_login(cast.dept)
    response = client.post(reverse("calls:import", args=[cast.call.pk]), {"file": _upload(document(), bad)})
    page = response.content.decode()
    imported = Application.objects.filter(call=cast.call).order_by("-id").first()
    assert response.status_code == 200
    assert "已导入 1 项，" in page and "1 项数据有误未导入" in page
    assert reverse("applications:detail", args=[imported.pk]) in page and imported.reference in page
    assert "<code>申报.json[1]</code>" in page and "<code>project.region_code</code>" in page
    assert "不是吉林省现行的行政区划代码" in page


def test_htmx_gets_the_results_alone(client, cast) -> None:
    client.force_login(cast.dept)
    response = client.post(
        reverse("calls:import", args=[cast.call.pk]), {"file": _upload(document())}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and body.startswith('<section id="import-results"') and "已导入" in body


def test_a_file_that_is_not_utf8_json_is_refused_before_anything(client, cast) -> None:
    client.force_login(cast.dept)
    upload = SimpleUploadedFile("gbk.json", '{"tier": "数字化"}'.encode("gbk"))
    response = client.post(reverse("calls:import", args=[cast.call.pk]), {"file": upload})
    assert response.status_code == 400 and "文件应为UTF-8编码的JSON" in response.content.decode()
    response = client.post(reverse("calls:import", args=[cast.call.pk]), {})
    assert response.status_code == 400
    assert Application.objects.count() == 2
