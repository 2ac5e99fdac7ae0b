"""The demo's spread over the Department's stages."""

from __future__ import annotations

from smartmfg.applications.models import Application
from smartmfg.demo import seed_demo
from smartmfg.evaluations.demo import seed_demo_stages
from smartmfg.notices.models import Objection


def test_the_demo_reaches_each_stage_once(db):
    seed_demo()

    moved = seed_demo_stages()

    statuses = [Application.objects.get(pk=a.pk).status for a in moved]
    assert statuses == ["in_notice", "in_notice", "expert_review"]
    assert Objection.objects.filter(status="open").count() == 1
    assert seed_demo_stages() == []
