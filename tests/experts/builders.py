"""Experts, draws and panels for tests, built through the same actions as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from smartmfg.experts import actions
from smartmfg.experts.models import Draw, DrawStatus, Expert, ExpertGroup, Invitation, InvitationStatus, Seat
from tests import factories
from tests.journeys import advance, conclude, deliberate, end_notice, publish, start_notice

SEED = "2026-11-30 福彩3D 第2026320期 开奖号码 4 7 1"


def pool(**per_group: int) -> list[Expert]:
    """``per_group`` new experts in each group (``equipment=3, it=2``), judging every manufacturing industry."""
    made = []
    for code, count in per_group.items():
        group = ExpertGroup.objects.get(code=code)
        for _ in range(count):
            account = factories.user(f"{code}-{Expert.objects.count() + 1}", is_expert=True)
            made.append(
                factories.expert(
                    account, "某研究院", group=group, industries=["C"], manufacturing=["discrete", "process"]
                )
            )
    return made


def in_review(cast: Any, *applications: Any) -> list[Any]:
    return [advance(cast, a, "expert_review") for a in applications]


def settings(**overrides: Any) -> dict[str, Any]:
    values = {
        "tier": "",
        "purpose": "2026年度专家评审",
        "quotas": {"equipment": 3},
        "reviews_per_application": 2,
        "min_load": 0,
        "max_load": 2,
        "answer_by": timezone.now() + dt.timedelta(days=3),
    }
    values.update(overrides)
    return values


def new_draw(cast: Any, **overrides: Any) -> Draw:
    return actions.do_create_draw(cast.call, settings(**overrides), actor=cast.dept)


def drawn(cast: Any, **overrides: Any) -> Draw:
    """A draw frozen and drawn with a public seed."""
    draw = actions.do_freeze_draw(new_draw(cast, **overrides), actor=cast.dept)
    return actions.do_run_draw(draw, public_seed=SEED, seed_note="福彩3D开奖公告", actor=cast.dept)


def accepted_draw(cast: Any, *members: Expert, **fields: Any) -> Draw:
    """A drawn draw of the call in which ``members`` accepted, written as a draw leaves its rows (cheap:
    for the stages after the draw, which part 1's tests cover through its actions)."""
    now = timezone.now()
    values = {
        "call": cast.call,
        "purpose": "2026年度专家评审",
        "quotas": {"equipment": len(members)},
        "answer_by": now + dt.timedelta(days=3),
        "status": DrawStatus.DRAWN,
        "seed": "test",
        "created_by": cast.dept,
        **fields,
    }
    draw = Draw.objects.create(**values)
    Invitation.objects.bulk_create(
        Invitation(
            draw=draw, expert=e, position=i, status=InvitationStatus.ACCEPTED, answer_by=draw.answer_by, answered_at=now
        )
        for i, e in enumerate(members, start=1)
    )
    return draw


def accept_all(draw: Draw) -> None:
    for invitation in Invitation.objects.filter(draw=draw, status=InvitationStatus.PENDING):
        actions.do_accept_invitation(invitation, actor=invitation.expert.user)


def assigned(cast: Any, **overrides: Any) -> Draw:
    """A draw whose invitations were all accepted and whose proposal was committed."""
    draw = drawn(cast, **overrides)
    accept_all(draw)
    actions.do_commit_proposal(actions.do_compute_proposal(draw, actor=cast.dept), actor=cast.dept)
    return draw


def seats_of(draw: Draw) -> dict[int, set[int]]:
    """Application id -> the experts standing on it."""
    panels: dict[int, set[int]] = {}
    for application_id, expert_id in Seat.objects.filter(draw=draw, status="active").values_list(
        "application_id", "expert_id"
    ):
        panels.setdefault(application_id, set()).add(expert_id)
    return panels


def published_draw(cast: Any) -> Draw:
    """A draw of the call, whose result (application A) was then published (第十条)."""
    in_review(cast, cast.app_a)
    pool(equipment=3)
    done = drawn(cast)
    cast.app_a.refresh_from_db()
    conclude(cast, cast.app_a)
    deliberate(cast, cast.call, cast.app_a)
    notice = start_notice(cast, cast.call, cast.app_a)
    end_notice(cast, notice)
    publish(cast, cast.call, cast.app_a)
    return done
