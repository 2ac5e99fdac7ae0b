"""The enterprise's own profile, and the reviewers' list and page of the enterprises they may see."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from smartmfg.audit.models import AuditEntry
from smartmfg.enterprises.actions import do_save_profile
from tests import factories
from tests.wizard.helpers import profile_post

PROFILE = reverse("enterprises:profile")
LIST = reverse("enterprises:list")


@pytest.mark.django_db
def test_the_profile_page_saves_the_profile_and_its_contacts_and_records_each(client, cast) -> None:
    client.force_login(cast.ent_a)
    data = profile_post(cast.enterprise_a, [{"name": "王经理", "phone": "0431-88886666"}], address="示范路1号")
    answer = client.post(PROFILE, data)
    assert answer.status_code == 302
    cast.enterprise_a.refresh_from_db()
    assert cast.enterprise_a.address == "示范路1号"
    assert [(c.name, c.is_primary) for c in cast.enterprise_a.contacts.all()] == [
        ("王经理", True)
    ]  # the first is primary
    verbs = set(AuditEntry.objects.filter(actor=cast.ent_a).values_list("verb", flat=True))
    assert {"update_enterprise_profile", "replace_contacts"} <= verbs
    assert "企业信息已保存" in client.get(PROFILE).content.decode()


@pytest.mark.django_db
def test_a_bad_field_names_itself_and_saves_neither_profile_nor_contacts(client, cast) -> None:
    client.force_login(cast.ent_a)
    data = profile_post(cast.enterprise_a, [{"name": "王经理", "phone": "0431-88886666"}], address="示范路1号")
    data["registered_division"] = "999999"
    answer = client.post(PROFILE, data)
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "请更正以下问题" in page and 'href="#id_registered_division"' in page
    cast.enterprise_a.refresh_from_db()
    assert cast.enterprise_a.address != "示范路1号"
    assert not cast.enterprise_a.contacts.exists()


@pytest.mark.django_db
def test_a_post_without_the_contacts_table_leaves_the_contacts_as_they_are(client, cast) -> None:
    do_save_profile(cast.enterprise_a, {}, [{"name": "李工", "phone": "13900000000"}], actor=cast.ent_a)
    client.force_login(cast.ent_a)
    data = {k: v for k, v in profile_post(cast.enterprise_a, address="新地址").items() if not k.startswith("contacts")}
    assert client.post(PROFILE, data).status_code == 302
    assert list(cast.enterprise_a.contacts.values_list("name", flat=True)) == ["李工"]


@pytest.mark.django_db
def test_only_the_enterprise_itself_saves_its_profile(cast) -> None:
    for other in (cast.ent_b, cast.changchun, cast.dept):
        with pytest.raises(PermissionDenied):
            do_save_profile(cast.enterprise_a, {"address": "别人改的"}, None, actor=other)
    cast.enterprise_a.refresh_from_db()
    assert cast.enterprise_a.address != "别人改的"


@pytest.mark.django_db
def test_a_bureau_lists_the_enterprises_of_its_area_and_exports_them(client, cast) -> None:
    factories.enterprise("长春丙企业有限公司", "220104")
    client.force_login(cast.changchun)
    page = client.get(LIST).content.decode()
    assert "长春甲企业有限公司" in page and "长春丙企业有限公司" in page
    assert "吉林乙企业有限公司" not in page
    found = client.get(LIST, {"q": "丙"}).content.decode()
    assert "长春丙企业有限公司" in found and "长春甲企业有限公司" not in found
    export = client.get(LIST, {"_export": "csv"})
    names = {cell for row in csv.reader(io.StringIO(export.content.decode("utf-8-sig"))) for cell in row}
    assert {"长春甲企业有限公司", "长春丙企业有限公司"} <= names and "吉林乙企业有限公司" not in names


@pytest.mark.django_db
def test_the_department_lists_every_enterprise(client, cast) -> None:
    client.force_login(cast.dept)
    page = client.get(LIST).content.decode()
    assert "长春甲企业有限公司" in page and "吉林乙企业有限公司" in page


@pytest.mark.django_db
def test_an_enterprises_page_shows_its_contacts_and_applications_to_its_bureau(client, cast) -> None:
    do_save_profile(cast.enterprise_a, {}, [{"name": "李工", "phone": "13900000000"}], actor=cast.ent_a)
    client.force_login(cast.changchun)
    page = client.get(reverse("enterprises:detail", args=[cast.enterprise_a.pk])).content.decode()
    assert "李工" in page and "13900000000" in page and cast.app_a.reference in page
    assert client.get(reverse("enterprises:detail", args=[cast.enterprise_b.pk])).status_code == 404
