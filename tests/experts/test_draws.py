"""第九条: the draw, set up, frozen, seeded and drawn by the Department, verifiable by anyone."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from smartmfg.audit.models import AuditEntry
from smartmfg.experts import actions
from smartmfg.experts.models import Draw, ExpertStatus, Invitation
from smartmfg.inbox.models import Message
from smartmfg.rules.experts.draw import DrawInputs, draw, inputs_sha256, verify_document
from tests.experts.builders import SEED, drawn, in_review, new_draw, pool


@pytest.fixture
def review(cast):
    """Both applications in expert review and five equipment experts (the cast's two among them)."""
    in_review(cast, cast.app_a, cast.app_b)
    return pool(equipment=3)


def test_freezing_fixes_the_inputs_and_publishes_their_digest(cast, review):
    frozen = actions.do_freeze_draw(new_draw(cast), actor=cast.dept)

    assert frozen.status == "frozen" and frozen.seed == ""
    assert frozen.inputs_sha256 == inputs_sha256(frozen.inputs)
    codes = {e["code"] for e in frozen.inputs["pool"]}
    assert {cast.expert.expert.code, cast.conflicted_expert.expert.code} <= codes
    assert frozen.inputs["quotas"] == {"equipment": 3}
    assert AuditEntry.objects.filter(verb="freeze_draw", target_id=str(frozen.pk)).exists()


def test_suspended_expired_unavailable_and_retired_experts_cannot_be_drawn(cast, review):
    suspended, expired, unavailable, retired = review[0], review[1], review[2], cast.expert.expert
    actions.do_change_expert_status(suspended, ExpertStatus.SUSPENDED, reason="借调", actor=cast.dept)
    actions.do_change_expert_status(retired, ExpertStatus.RETIRED, reason="退休", actor=cast.dept)
    expired.term_end = dt.date(2025, 12, 31)
    expired.save(update_fields=["term_end"])
    setup = new_draw(cast, quotas={"equipment": 1})
    actions.do_exclude_expert(setup, unavailable, reason="出国", actor=cast.dept)

    inputs = actions.do_freeze_draw(setup, actor=cast.dept).inputs

    codes = {e["code"] for e in inputs["pool"]}
    assert retired.code not in codes  # 出库: not in the pool at all
    assert set(inputs["excluded"]) == {suspended.code, expired.code, unavailable.code}
    assert "出国" not in json.dumps(inputs, ensure_ascii=False)  # reasons stay private


def test_an_expert_conflicted_with_too_many_applications_to_reach_the_minimum_is_excluded(cast, review):
    frozen = actions.do_freeze_draw(new_draw(cast, min_load=2), actor=cast.dept)

    # expert2 is conflicted with A (same employer), so only B is free for them: fewer than 2.
    assert frozen.inputs["excluded"] == [cast.conflicted_expert.expert.code]


def test_a_quota_larger_than_the_group_is_refused_naming_the_group(cast, review):
    setup = new_draw(cast, quotas={"equipment": 9})

    with pytest.raises(ValidationError) as refused:
        actions.do_freeze_draw(setup, actor=cast.dept)

    assert "equipment" in str(refused.value)
    setup.refresh_from_db()
    assert setup.status == "draft" and setup.inputs is None


def test_there_is_nothing_to_draw_for_without_applications_in_review(cast, review):
    with pytest.raises(ValidationError, match="没有处于专家评审阶段的申报"):
        actions.do_freeze_draw(
            actions.do_create_draw(cast.call, {**_values(cast), "tier": "future_factory"}, actor=cast.dept),
            actor=cast.dept,
        )


def test_settings_cannot_change_once_frozen(cast, review, client):
    frozen = actions.do_freeze_draw(new_draw(cast), actor=cast.dept)

    with pytest.raises(ValidationError, match="已固定抽取条件"):
        actions.do_update_draw(frozen, {"quotas": {"equipment": 1}}, actor=cast.dept)
    client.force_login(cast.dept)
    response = client.post(reverse("experts:draw", args=[frozen.pk]), {"purpose": "改"})
    assert response.status_code == 400
    frozen.refresh_from_db()
    assert frozen.quotas == {"equipment": 3} and frozen.purpose == "2026年度专家评审"


def test_the_draw_takes_the_lowest_tickets_and_invites_them_without_naming_enterprises(
    cast, review, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = drawn(cast)

    expected = draw(DrawInputs.from_json(done.inputs), SEED).selected
    invited = list(Invitation.objects.filter(draw=done).order_by("position").values_list("expert__code", flat=True))
    assert invited == list(expected) and len(invited) == 3
    assert (done.seed, done.seed_source, done.seed_note) == (SEED, "public", "福彩3D开奖公告")
    messages = Message.objects.filter(event="expert_invitation").values_list("body", flat=True)
    bodies = [m.body for m in mail.outbox] + list(messages)
    assert len(mail.outbox) == 3 and bodies
    assert all(cast.enterprise_a.name not in body and cast.enterprise_b.name not in body for body in bodies)
    assert all("2" in body for body in bodies)  # the number of applications


def test_a_public_seed_needs_its_source(cast, review, client):
    frozen = actions.do_freeze_draw(new_draw(cast), actor=cast.dept)

    with pytest.raises(ValidationError):
        actions.do_run_draw(frozen, public_seed="123", seed_note=" ", actor=cast.dept)
    client.force_login(cast.dept)
    response = client.post(reverse("experts:run", args=[frozen.pk]), {"public_seed": "123", "seed_note": ""})
    assert response.status_code == 400
    assert "请说明公开随机数的来源" in response.content.decode()
    frozen.refresh_from_db()
    assert frozen.status == "frozen" and not Invitation.objects.filter(draw=frozen).exists()


def test_without_a_public_value_the_platform_draws_32_random_bytes(cast, review):
    frozen = actions.do_freeze_draw(new_draw(cast), actor=cast.dept)

    done = actions.do_run_draw(frozen, actor=cast.dept)

    assert done.seed_source == "platform" and len(bytes.fromhex(done.seed)) == 32


def test_a_draft_cannot_be_drawn_before_it_is_frozen(cast, review):
    with pytest.raises(ValidationError, match="设置中"):
        actions.do_run_draw(new_draw(cast), actor=cast.dept)


def test_the_published_document_re_runs_to_the_same_experts(cast, review, client):
    done = drawn(cast)
    client.force_login(cast.dept)

    response = client.get(reverse("experts:document", args=[done.pk]))

    document = json.loads(response.content)
    assert verify_document(document) is None
    assert document["inputs_sha256"] == done.inputs_sha256
    names = {e.name for e in review} | {cast.expert.name}
    assert not any(name in response.content.decode() for name in names)  # codes only


def test_a_decline_is_replaced_by_the_next_ticket_and_the_document_still_verifies(cast, review, client):
    done = drawn(cast, quotas={"equipment": 2})
    first = Invitation.objects.filter(draw=done).order_by("position").first()

    replacement = actions.do_decline_invitation(first, reason="出差", actor=first.expert.user)

    assert replacement is not None and replacement.replaces == first
    result = draw(DrawInputs.from_json(done.inputs), SEED, [first.expert.code])
    assert [(r.declined, r.replacement) for r in result.replacements] == [(first.expert.code, replacement.expert.code)]
    client.force_login(cast.dept)
    document = json.loads(client.get(reverse("experts:document", args=[done.pk])).content)
    assert document["replacements"] == [{"declined": first.expert.code, "replacement": replacement.expert.code}]
    assert verify_document(document) is None


def test_when_a_group_runs_out_the_decline_is_recorded_without_a_replacement(cast, review):
    done = drawn(cast, quotas={"equipment": 5})
    first = Invitation.objects.filter(draw=done).order_by("position").first()

    assert actions.do_decline_invitation(first, reason="出差", actor=first.expert.user) is None
    assert AuditEntry.objects.filter(verb="replacement_exhausted", target_id=str(done.pk)).exists()


def _values(cast):
    return {
        "tier": "",
        "purpose": "专家评审",
        "quotas": {"equipment": 1},
        "reviews_per_application": 1,
        "min_load": 0,
        "max_load": 2,
        "answer_by": Draw._meta.get_field("answer_by").to_python("2026-12-31T10:00+08:00"),
    }


def test_an_experts_term_counts_through_its_last_day(cast, review):
    expert = review[0]
    expert.term_end = dt.date(2026, 12, 10)
    expert.save(update_fields=["term_end"])
    zone = dt.timezone(dt.timedelta(hours=8))  # Asia/Shanghai

    cast.clock.move_to(dt.datetime(2026, 12, 10, 23, 59, 59, tzinfo=zone), tick=False)
    assert expert.code not in actions.do_freeze_draw(new_draw(cast), actor=cast.dept).inputs["excluded"]

    cast.clock.move_to(dt.datetime(2026, 12, 11, 0, 0, 0, tzinfo=zone), tick=False)
    assert expert.code in actions.do_freeze_draw(new_draw(cast), actor=cast.dept).inputs["excluded"]
