"""第九条: the assignment, computed optimally, previewed, committed in one transaction."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from smartmfg.experts import actions
from smartmfg.experts.models import PairRule, Proposal, Seat
from smartmfg.inbox.models import Message
from tests.experts.builders import accept_all, assigned, drawn, in_review, pool, seats_of


@pytest.fixture
def review(cast):
    in_review(cast, cast.app_a, cast.app_b)
    return pool(equipment=3)


def test_the_proposal_meets_every_bound_and_avoids_every_conflict(cast, review):
    done = drawn(cast, quotas={"equipment": 5})
    accept_all(done)

    proposal = actions.do_compute_proposal(done, actor=cast.dept)

    panels: dict[int, list[int]] = {}
    for application_id, expert_id, _affinity in proposal.pairs:
        panels.setdefault(application_id, []).append(expert_id)
    assert {a: len(set(e)) for a, e in panels.items()} == {cast.app_a.pk: 2, cast.app_b.pk: 2}
    assert cast.conflicted_expert.expert.pk not in panels[cast.app_a.pk]
    loads = [sum(e in experts for experts in panels.values()) for e in {x for v in panels.values() for x in v}]
    assert max(loads) <= 2
    assert not Seat.objects.exists()  # a proposal assigns nothing yet


def test_committing_writes_the_seats_takes_the_step_and_tells_the_experts(
    cast, review, django_capture_on_commit_callbacks
):
    done = drawn(cast, quotas={"equipment": 5})
    accept_all(done)
    proposal = actions.do_compute_proposal(done, actor=cast.dept)

    with django_capture_on_commit_callbacks(execute=True):
        seats = actions.do_commit_proposal(proposal, actor=cast.dept)

    assert len(seats) == 4
    assert seats_of(done) == {a: {e for x, e, _ in proposal.pairs if x == a} for a in (cast.app_a.pk, cast.app_b.pk)}
    event = cast.app_a.events.get(action="assign_experts")
    assert event.data == {"reviews": 2, "proposal": proposal.pk}  # no expert is named
    told = set(Message.objects.filter(event="expert_seats").values_list("recipient_id", flat=True))
    assert told == {s.expert.user_id for s in seats}


def test_a_stale_or_second_proposal_cannot_be_committed(cast, review):
    done = drawn(cast, quotas={"equipment": 5})
    accept_all(done)
    older = actions.do_compute_proposal(done, actor=cast.dept)
    newer = actions.do_compute_proposal(done, actor=cast.dept)

    with pytest.raises(ValidationError, match="更新的方案"):
        actions.do_commit_proposal(older, actor=cast.dept)
    assert not Seat.objects.exists()
    actions.do_commit_proposal(newer, actor=cast.dept)
    with pytest.raises(ValidationError, match="已确认"):
        actions.do_compute_proposal(done, actor=cast.dept)


def test_an_infeasible_draw_is_refused_saying_which_bound_to_relax(cast, review, client):
    done = drawn(cast, quotas={"equipment": 1})
    accept_all(done)
    client.force_login(cast.dept)

    response = client.post(reverse("experts:propose", args=[done.pk]))

    assert response.status_code == 400
    assert "无法分配" in response.content.decode()
    assert not Proposal.objects.filter(draw=done).exists()


def test_forbidden_and_forced_pairs_are_kept(cast, review):
    done = drawn(cast, quotas={"equipment": 5})
    accept_all(done)
    experts = [s.expert for s in done.invitations.filter(status="accepted")]
    free = [e for e in experts if e != cast.conflicted_expert.expert]
    actions.do_set_pair_rule(done, cast.app_b, free[0], PairRule.Kind.FORBID, reason="曾指导该项目", actor=cast.dept)
    actions.do_set_pair_rule(done, cast.app_b, free[1], PairRule.Kind.FORCE, reason="唯一熟悉该工艺", actor=cast.dept)

    proposal = actions.do_compute_proposal(done, actor=cast.dept)

    on_b = {e for a, e, _ in proposal.pairs if a == cast.app_b.pk}
    assert free[0].pk not in on_b and free[1].pk in on_b


def test_the_preview_shows_loads_panels_and_the_conflicts_avoided(cast, review, client):
    done = drawn(cast, quotas={"equipment": 5})
    accept_all(done)
    proposal = actions.do_compute_proposal(done, actor=cast.dept)
    client.force_login(cast.dept)

    page = client.get(reverse("experts:proposal", args=[proposal.pk])).content.decode()

    assert cast.app_a.reference in page and "确认分配方案" in page
    assert "工作单位即该企业" in page and cast.conflicted_expert.expert.code in page


def test_committing_through_the_page(cast, review, client):
    done = drawn(cast, quotas={"equipment": 5})
    accept_all(done)
    proposal = actions.do_compute_proposal(done, actor=cast.dept)
    client.force_login(cast.dept)

    response = client.post(reverse("experts:commit", args=[proposal.pk]))

    assert response.status_code == 302 and Seat.objects.filter(draw=done).count() == 4
    again = client.post(reverse("experts:commit", args=[proposal.pk]))
    assert again.status_code == 400 and Seat.objects.filter(draw=done).count() == 4


def test_a_conflict_the_department_records_after_assignment_refills_only_that_seat(cast, review):
    done = assigned(cast, quotas={"equipment": 5})
    before = seats_of(done)
    sitting = next(iter(before[cast.app_b.pk]))
    expert = next(s.expert for s in Seat.objects.filter(draw=done, expert_id=sitting)[:1])

    actions.do_record_conflict(
        expert, cast.enterprise_b, kind="project_service", evidence="其单位为该项目供货", actor=cast.dept
    )

    after = seats_of(done)
    assert after[cast.app_a.pk] == before[cast.app_a.pk]  # nothing else moves
    assert sitting not in after[cast.app_b.pk] and len(after[cast.app_b.pk]) == 2
    removed = Seat.objects.get(draw=done, expert_id=sitting, application=cast.app_b)
    assert removed.status == "removed" and removed.replaced_by.status == "active"
