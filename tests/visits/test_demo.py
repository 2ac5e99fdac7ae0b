"""The demo's spot checks (``smartmfg.demo.visits``), on the cast's call."""

from __future__ import annotations

from smartmfg.demo.visits import seed_visits
from smartmfg.visits.models import SpotDraw
from tests.visits.builders import accepted, in_review, other_expert


def test_the_demo_draws_the_share_and_schedules_one_visit_with_the_login_expert_once(cast):
    in_review(cast, cast.app_a, cast.app_b)
    accepted(cast, cast.conflicted_expert.expert, cast.expert.expert, other_expert())
    users = {"expert": cast.expert, "expert2": cast.conflicted_expert}

    visit = seed_visits(cast.call, cast.dept, users)

    spot_draw = SpotDraw.objects.get(call=cast.call)
    assert spot_draw.status == "drawn" and visit is not None
    assert visit.application.reference == spot_draw.sampled[0] and visit.status == "scheduled"
    members = set(visit.members.values_list("expert__user", flat=True))
    assert len(members) == 2 and cast.expert.pk in members
    if visit.application == cast.app_a:  # expert2 works for enterprise A
        assert cast.conflicted_expert.pk not in members
    assert seed_visits(cast.call, cast.dept, users) == visit
