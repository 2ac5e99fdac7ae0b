"""``smartmfg seed-demo``: the demo data, idempotent."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import timezone

from smartmfg.applications.models import Application
from smartmfg.demo.loader import ACCOUNTS, seed_demo

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label != "sessions"}


def test_running_it_twice_leaves_the_same_data_as_once(settings) -> None:
    seed_demo()
    once = _counts()
    seed_demo()
    assert _counts() == once


def test_every_role_has_a_login_and_the_reviewers_have_work(settings) -> None:
    seed_demo()
    from smartmfg.accounts.models import User

    for account in ACCOUNTS:
        user = User.objects.get(username=account.username)
        assert user.roles, account.username
        assert user.check_password("smartmfg-demo")
    assert Application.objects.filter(status="submitted", jurisdiction__path__startswith="220000/220100/").exists()
    assert Application.objects.filter(status="submitted", jurisdiction__path__startswith="220000/220200/").exists()


def test_the_command_prints_the_logins(settings) -> None:
    settings.DEBUG = True
    out = StringIO()
    call_command("seed-demo", stdout=out)
    for account in ACCOUNTS:
        assert account.username in out.getvalue()


def test_the_command_refuses_when_debug_is_off(settings) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed-demo", stdout=StringIO())


def test_last_years_call_is_published_with_a_recognition_and_a_cultivation(client, settings) -> None:
    seed_demo()
    past = Application.objects.filter(call__year=timezone.localdate().year - 1)
    # the third was on the notice until an objection was upheld (第十条): not on the published list
    assert sorted(past.values_list("status", flat=True)) == ["cultivating", "objection_upheld", "recognised"]
    assert all(a.events.filter(action="recommend").exists() for a in past)  # reported by letter
    page = client.get("/results/").content.decode()
    for application in past.exclude(status="objection_upheld"):
        assert application.project_name in page
    assert past.get(status="objection_upheld").project_name not in page


def test_last_years_steps_happened_on_their_days_and_its_recognition_has_support(db) -> None:
    seed_demo()
    year = timezone.localdate().year - 1
    recognised = Application.objects.get(call__year=year, status="recognised")
    days = {e.action: timezone.localtime(e.at).date().isoformat() for e in recognised.events.all()}
    assert days["import_submission"] == f"{year}-04-10" and days["publish"] == f"{year}-08-03"
    notice = recognised.notices.get()
    assert days["start_notice"] == notice.starts_on.isoformat() and days["end_notice"] > notice.ends_on.isoformat()
    grant = recognised.support_grants.get()
    assert (grant.amount, grant.payments.get().amount) == (Decimal("1000000.00"), Decimal("600000.00"))
