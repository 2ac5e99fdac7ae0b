"""The audit trail: appended by actions, never edited, and saying what changed from what to what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from smartmfg.audit.actions import assign_changes
from smartmfg.audit.models import AuditEntry
from smartmfg.calls.actions import do_update_call
from smartmfg.enterprises.actions import do_update_enterprise_profile


@pytest.mark.django_db
def test_the_audit_trail_is_read_only_in_the_back_office(client, cast) -> None:
    client.force_login(cast.admin)
    entry = AuditEntry.objects.order_by("pk").first()
    assert entry is not None  # the cast was built through audited actions
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])
    assert client.post(change, {"summary": "改写"}).status_code == 403
    entry.refresh_from_db()
    assert entry.summary != "改写"
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_assign_changes_sets_only_what_differs_and_says_it_as_text(cast) -> None:
    company = cast.enterprise_a
    diff = assign_changes(company, {"name": company.name, "industry": "37", "pays_tax_in_province": False})
    assert (company.industry, company.pays_tax_in_province) == ("37", False)
    assert diff == {"industry": ["36", "37"], "pays_tax_in_province": ["True", "False"]}  # name is unchanged
    company.refresh_from_db()
    assert company.industry == "36"  # nothing is saved by it


@pytest.mark.django_db
def test_assign_changes_ignores_fields_outside_those_allowed(cast) -> None:
    old_title, old_status = cast.call.title, cast.call.status
    diff = assign_changes(cast.call, {"title": "新标题", "status": "closed"}, only={"title"})
    assert diff == {"title": [old_title, "新标题"]}
    assert cast.call.status == old_status != "closed"


@pytest.mark.django_db
def test_each_change_appends_an_entry_and_earlier_ones_stay_as_they_were(cast) -> None:
    do_update_enterprise_profile(cast.enterprise_a, {"industry": "37"}, actor=cast.ent_a)
    do_update_enterprise_profile(cast.enterprise_a, {"industry": "38"}, actor=cast.ent_a)
    entries = AuditEntry.objects.filter(verb="update_enterprise_profile", target_id=str(cast.enterprise_a.pk))
    assert [e.changes["industry"] for e in entries.order_by("at", "pk")] == [["36", "37"], ["37", "38"]]
    # Saving what is already there writes nothing and records nothing.
    do_update_enterprise_profile(cast.enterprise_a, {"industry": "38"}, actor=cast.ent_a)
    assert entries.count() == 2


@pytest.mark.django_db
def test_a_calls_change_is_recorded_with_who_and_when(cast) -> None:
    at = dt.datetime(2026, 4, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    cast.clock.move_to(at, tick=False)
    changed = do_update_call(cast.call, {"max_attachment_mb": cast.call.max_attachment_mb + 5}, actor=cast.dept)
    assert changed == ["max_attachment_mb"]
    entry = AuditEntry.objects.get(verb="update_call")
    assert (entry.actor, entry.role, entry.at) == (cast.dept, "department", at)
    assert entry.changes["max_attachment_mb"] == [
        str(cast.call.max_attachment_mb),
        str(cast.call.max_attachment_mb + 5),
    ]
