"""The Department's page for a call's numbering series: set until the first number is issued, then frozen."""

from __future__ import annotations

from django.urls import reverse

from smartmfg.audit.models import AuditEntry
from smartmfg.certificates.models import CertificateSeries
from tests.certificates.helpers import published

FORM = {
    "number_format": "吉{prefix}{year}-{seq:03d}",
    "prefix_digital_workshop": "数字车间",
    "prefix_smart_factory": "智能工厂",
    "prefix_future_factory": "未来工厂",
}


def _url(cast) -> str:
    return reverse("opendata:series", kwargs={"call": cast.call.pk})


def test_the_department_sees_the_default_series_and_its_first_numbers(client, cast):
    client.force_login(cast.dept)
    page = client.get(_url(cast))
    html = page.content.decode()
    assert page.status_code == 200
    assert f"吉数车-{cast.call.year}-0001" in html and f"吉未工-{cast.call.year}-0001" in html
    assert not CertificateSeries.objects.exists()  # a GET writes nothing


def test_the_department_sets_the_series(client, cast):
    client.force_login(cast.dept)
    response = client.post(_url(cast), FORM)
    assert response.status_code == 302
    series = CertificateSeries.objects.get(call=cast.call)
    assert series.number_format == "吉{prefix}{year}-{seq:03d}"
    assert series.prefixes["smart_factory"] == "智能工厂"
    assert AuditEntry.objects.filter(verb="save_certificate_series", actor=cast.dept).exists()
    assert f"吉数字车间{cast.call.year}-001" in client.get(_url(cast)).content.decode()


def test_a_bad_format_answers_400_naming_the_field(client, cast):
    client.force_login(cast.dept)
    response = client.post(_url(cast), {**FORM, "number_format": "吉{prefix}-{seq}"})
    assert response.status_code == 400
    assert "{year}" in response.content.decode()
    assert not CertificateSeries.objects.exists()


def test_once_numbers_are_issued_the_page_is_read_only_and_a_post_is_refused(client, cast):
    published(cast, cast.app_a)
    client.force_login(cast.dept)
    page = client.get(_url(cast))
    html = page.content.decode()
    assert "编号规则不能再修改" in html and "disabled" in html
    assert f"吉数车-{cast.call.year}-0001" in html  # the issued numbers, listed
    assert client.post(_url(cast), FORM).status_code == 403
    assert CertificateSeries.objects.get(call=cast.call).number_format == "吉{prefix}-{year}-{seq:04d}"


def test_only_the_department(client, cast):
    for persona in (cast.ent_a, cast.changchun, cast.expert):
        client.force_login(persona)
        assert client.get(_url(cast)).status_code == 403
    client.logout()
    assert client.get(_url(cast)).status_code == 302
    client.force_login(cast.dept)
    assert client.put(_url(cast)).status_code == 405
