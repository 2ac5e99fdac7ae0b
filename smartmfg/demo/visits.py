"""The demo's spot checks (现场抽查, 第九条): this year's spot draw and one visit, not yet reported.

The spot share of the call's review list is frozen and drawn with a fixed
public value (so the demo is the same everywhere), and a visit of the first
sampled application is scheduled for next week with two experts who
accepted the call's invitation: the login ``expert`` (ZJ0001) and the first
other one free of conflict with that enterprise. Every step goes through
the actions the pages use; running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application
from smartmfg.calls.models import Call
from smartmfg.experts.conflicts import conflicts_between
from smartmfg.experts.models import Expert
from smartmfg.visits.actions import do_create_spot_draw, do_freeze_spot_draw, do_run_spot_draw, do_schedule_visit
from smartmfg.visits.lists import accepted_pool
from smartmfg.visits.models import SpotDraw, Visit

DEMO_SPOT_SEED = "演示数据的公开随机数 002"


def seed_visits(call: Call, officer: User, users: dict[str, User]) -> Visit | None:
    """Draw the call's spot share and schedule one visit with ``users["expert"]`` (once); the visit, if any."""
    if SpotDraw.objects.filter(call=call).exists():
        return Visit.objects.filter(application__call=call).first()
    spot_draw = do_freeze_spot_draw(do_create_spot_draw(call, actor=officer), actor=officer)
    spot_draw = do_run_spot_draw(
        spot_draw, public_seed=DEMO_SPOT_SEED, seed_note="演示数据：固定的公开随机数", actor=officer
    )
    application = Application.objects.select_related("enterprise", "call").get(
        call=call, reference=spot_draw.sampled[0]
    )
    members = _members(application, users["expert"])
    return do_schedule_visit(
        application, experts=members, visit_on=timezone.localdate() + dt.timedelta(days=7), actor=officer
    )


def _members(application: Application, login: User) -> list[Expert]:
    """The demo's expert and the first other accepted expert (by code) free of conflict with the enterprise."""
    pool = list(accepted_pool(application.call))
    conflicted = {e for _a, e in conflicts_between(pool, [application], today=timezone.localdate())}
    mine = next(e for e in pool if e.user_id == login.pk)
    other = next(e for e in pool if e.pk != mine.pk and e.pk not in conflicted)
    return [mine, other]
