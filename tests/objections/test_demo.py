"""The demo's call of last year (``demo/past.py``): its notice had two objections, decided and answered."""

from __future__ import annotations

import pytest
from django.utils import timezone

from smartmfg.demo.loader import seed_demo
from smartmfg.notices.models import Objection

pytestmark = pytest.mark.django_db


def test_last_years_notice_has_an_upheld_online_objection_and_a_dismissed_letter() -> None:
    seed_demo()
    year = timezone.localdate().year - 1
    objections = {o.channel: o for o in Objection.objects.filter(notice__call__year=year)}

    assert set(objections) == {"online", "letter"}
    online, letter = objections["online"], objections["letter"]
    assert (online.status, letter.status) == ("upheld", "dismissed")
    assert online.application.status == "objection_upheld" and online.files.count() == 1
    assert letter.application.status == "recognised"
    assert all(o.reply and o.receipt_number.startswith(f"YY-{year}-") for o in (online, letter))
    assert online.token_hash and not letter.token_hash
    filed = online.application.events.get(action="receive_objection")
    assert (filed.role, timezone.localtime(filed.at).date().isoformat()) == ("public", f"{year}-07-16")
    seed_demo()
    assert Objection.objects.filter(notice__call__year=year).count() == 2
