"""The certificate panel on the application's page: for the Department and the applying enterprise."""

from __future__ import annotations

from django.urls import reverse

from smartmfg.certificates.models import Certificate
from tests.certificates.helpers import published


def test_the_enterprise_and_the_department_see_the_number_and_the_download(client, cast):
    published(cast, cast.app_a)
    certificate = Certificate.objects.get(application=cast.app_a)
    for persona in (cast.ent_a, cast.dept):
        client.force_login(persona)
        html = client.get(reverse("applications:detail", args=[cast.app_a.pk])).content.decode()
        assert certificate.number in html
        assert reverse("opendata:certificate_pdf", args=[certificate.pk]) in html


def test_the_bureau_sees_the_application_but_not_the_certificate(client, cast):
    published(cast, cast.app_a)
    client.force_login(cast.changchun)
    page = client.get(reverse("applications:detail", args=[cast.app_a.pk]))
    assert page.status_code == 200
    assert "certificate-panel-head" not in page.content.decode()


def test_no_panel_before_publication(client, cast):
    client.force_login(cast.ent_a)
    html = client.get(reverse("applications:detail", args=[cast.app_a.pk])).content.decode()
    assert "certificate-panel-head" not in html
