"""The back office: what an administrator changes is saved through an action and audited; nothing is deleted."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from smartmfg.accounts.models import User
from smartmfg.audit.models import AuditEntry
from smartmfg.enterprises.models import Contact
from smartmfg.jurisdictions.models import Jurisdiction
from tests.factories import PASSWORD


def _as_posted(page: Any) -> dict[str, Any]:
    """What the admin's change form would post back unchanged: every field's value and each inline's rows."""
    form = page.context["adminform"].form
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for row in formset.forms:
            for name in row.fields:
                value = row[name].value()
                if value not in (None, False):
                    data[row.add_prefix(name)] = "on" if value is True else value
    return data


@pytest.mark.django_db
def test_adding_a_user_is_audited_without_the_password(client, cast) -> None:
    client.force_login(cast.admin)
    data = {
        "username": "newbureau",
        "name": "新审核员",
        "password1": "Str0ng-pass-2026",
        "password2": "Str0ng-pass-2026",
    }
    data["jurisdiction"] = Jurisdiction.objects.get(code="220100").pk
    data.update({"expert_profile-TOTAL_FORMS": "0", "expert_profile-INITIAL_FORMS": "0"})  # no expert profile
    answer = client.post(reverse("admin:accounts_user_add"), data)
    assert answer.status_code == 302
    created = User.objects.get(username="newbureau")
    entry = AuditEntry.objects.get(verb="admin_create_user", target_id=str(created.pk))
    assert entry.actor == cast.admin and entry.role == "admin"
    assert entry.changes["password1"] == "***"
    assert "Str0ng" not in str(entry.changes) and created.password not in str(entry.changes)


@pytest.mark.django_db
def test_deactivating_a_user_records_the_field_and_its_new_value(client, cast) -> None:
    client.force_login(cast.admin)
    url = reverse("admin:accounts_user_change", args=[cast.jilin.pk])
    data = _as_posted(client.get(url))
    data.pop("is_active")
    assert client.post(url, data).status_code == 302
    cast.jilin.refresh_from_db()
    assert not cast.jilin.is_active
    entry = AuditEntry.objects.get(verb="admin_change_user", target_id=str(cast.jilin.pk))
    assert entry.changes == {"is_active": "False"}
    # Signed out from then on: a deactivated account is no one.
    client.force_login(cast.jilin)
    assert client.get(reverse("reviews:bureau_home")).status_code == 302


@pytest.mark.django_db
def test_a_bad_password_change_changes_nothing_and_a_good_one_is_audited(client, cast) -> None:
    client.force_login(cast.admin)
    url = reverse("admin:auth_user_password_change", args=[cast.ent_a.pk])
    before = User.objects.get(pk=cast.ent_a.pk).password
    answer = client.post(url, {"password1": "Another-pass-2026", "password2": "Different-pass-2026"})
    assert answer.status_code == 200  # the form again, with its error
    assert User.objects.get(pk=cast.ent_a.pk).password == before
    assert not AuditEntry.objects.filter(verb="admin_change_password").exists()
    answer = client.post(url, {"password1": "Another-pass-2026", "password2": "Another-pass-2026"})
    assert answer.status_code == 302
    entry = AuditEntry.objects.get(verb="admin_change_password")
    assert entry.target_id == str(cast.ent_a.pk) and entry.changes == {"password": "***"}
    assert client.login(username="ent_a", password="Another-pass-2026")
    assert not client.login(username="ent_a", password=PASSWORD)


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["accounts_user", "enterprises_enterprise", "jurisdictions_jurisdiction"])
def test_nothing_is_deleted_from_the_back_office(client, cast, model) -> None:
    client.force_login(cast.admin)
    objects = {
        "accounts_user": cast.ent_b,
        "enterprises_enterprise": cast.enterprise_b,
        "jurisdictions_jurisdiction": Jurisdiction.objects.get(code="220200"),
    }
    target = objects[model]
    url = reverse(f"admin:{model}_delete", args=[target.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert type(target).objects.filter(pk=target.pk).exists()
    changelist = client.get(reverse(f"admin:{model}_changelist")).content.decode()
    assert "delete_selected" not in changelist


@pytest.mark.django_db
def test_an_enterprises_contacts_are_shown_in_the_back_office_but_not_written(client, cast) -> None:
    Contact.objects.create(enterprise=cast.enterprise_a, name="张三", phone="13800000000", is_primary=True)
    client.force_login(cast.admin)
    url = reverse("admin:enterprises_enterprise_change", args=[cast.enterprise_a.pk])
    page = client.get(url)
    assert "张三" in page.content.decode()
    data = _as_posted(page)
    data["name"] = "长春甲企业集团有限公司"
    assert client.post(url, data).status_code == 302
    cast.enterprise_a.refresh_from_db()
    assert cast.enterprise_a.name == "长春甲企业集团有限公司"
    entry = AuditEntry.objects.get(verb="admin_change_enterprise")
    assert entry.changes == {"name": "长春甲企业集团有限公司"}
    assert list(cast.enterprise_a.contacts.values_list("name", flat=True)) == ["张三"]
