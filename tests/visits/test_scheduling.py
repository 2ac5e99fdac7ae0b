"""第九条: a visit for one application: 2 or 3 unconflicted experts of the accepted pool, a date, its checklist."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from smartmfg.access import can_take
from smartmfg.audit.models import AuditEntry
from smartmfg.evaluations.actions import do_order_spot_check, do_record_spot_check
from smartmfg.evaluations.models import SpotCheck
from smartmfg.inbox.models import Message
from smartmfg.visits import actions
from smartmfg.visits.checklist import checklist_for
from smartmfg.visits.models import Visit
from smartmfg.wizard.actions import do_replace_investments
from tests import factories
from tests.visits.builders import accepted, in_review, other_expert

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def picked(cast):
    """Application A in expert review, picked; the cast's two experts and a third accepted the call's invitation."""
    in_review(cast, cast.app_a)
    third = other_expert()
    accepted(cast, cast.expert.expert, cast.conflicted_expert.expert, third)
    actions.do_pick_for_visit(cast.app_a, reason="投资明细存疑", actor=cast.dept)
    return [cast.expert.expert, third]


def _schedule(cast, experts, day=None):
    return actions.do_schedule_visit(cast.app_a, experts=experts, visit_on=day or timezone.localdate(), actor=cast.dept)


def test_scheduling_takes_the_step_hangs_the_visit_on_its_spot_check_and_tells_the_experts(
    cast, picked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visit = _schedule(cast, picked, timezone.localdate() + dt.timedelta(days=7))

    check = SpotCheck.objects.get(application=cast.app_a)
    assert check.visit == visit and check.is_pending and check.ordered_by == cast.dept
    event = cast.app_a.events.get(action="order_spot_check")
    assert visit.visit_on.isoformat() in event.reason
    assert set(visit.members.values_list("expert", flat=True)) == {e.pk for e in picked}
    assert [i.kind for i in visit.items.order_by("position")] == ["investment", "project", "self_assessment"]
    told = Message.objects.filter(event="visit_scheduled")
    assert {m.recipient for m in told} == {e.user for e in picked}
    letters = [m for m in mail.outbox if cast.expert.email in m.to]
    assert len(letters) == 1 and cast.enterprise_a.name in letters[0].body and picked[1].name in letters[0].body
    assert AuditEntry.objects.filter(verb="schedule_visit", target_id=str(visit.pk)).exists()


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("conflicted", "与长春甲企业有限公司存在回避关系（工作单位即该企业）"),
        ("one", "须由2至3名专家参加，当前选择了1名"),
        ("four", "须由2至3名专家参加，当前选择了4名"),
        ("not_accepted", "未接受本批次的评审邀请"),
    ],
)
def test_the_members_are_refused_naming_what_is_wrong_and_nothing_changes(cast, picked, who, message):
    stranger = other_expert("visit-expert-4")
    experts = {
        "conflicted": [cast.expert.expert, cast.conflicted_expert.expert],
        "one": [cast.expert.expert],
        "four": [*picked, cast.conflicted_expert.expert, stranger],
        "not_accepted": [cast.expert.expert, stranger],
    }[who]
    events = cast.app_a.events.count()

    with pytest.raises(ValidationError) as refused:
        _schedule(cast, experts)

    assert message in str(refused.value.message_dict["experts"])
    if who in ("conflicted", "not_accepted"):
        named = cast.conflicted_expert.expert if who == "conflicted" else stranger
        assert f"{named.code} {named.name}" in str(refused.value)
    assert not SpotCheck.objects.exists() and not Visit.objects.exists()
    assert cast.app_a.events.count() == events


def test_the_date_may_be_today_but_not_in_the_past_on_both_sides_of_midnight(cast, picked):
    today = timezone.localdate()
    cast.clock.move_to(dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0, 0), tzinfo=SHANGHAI), tick=False)
    with pytest.raises(ValidationError) as refused:
        _schedule(cast, picked, today)
    assert "抽查日期不能早于今天" in str(refused.value.message_dict["visit_on"])

    cast.clock.move_to(dt.datetime.combine(today, dt.time(23, 59, 59), tzinfo=SHANGHAI), tick=False)
    assert _schedule(cast, picked, today).visit_on == today


def test_only_an_application_drawn_or_picked_gets_a_visit_and_only_one_at_a_time(cast, picked):
    in_review(cast, cast.app_b)
    accepted(cast, *picked)
    with pytest.raises(PermissionDenied, match="不是抽查对象"):
        actions.do_schedule_visit(cast.app_b, experts=picked, visit_on=timezone.localdate(), actor=cast.dept)

    do_order_spot_check(cast.app_a, purpose="纸质抽查", actor=cast.dept)  # a paper spot check is pending
    with pytest.raises(PermissionDenied, match="现场抽查尚未录入结果"):
        _schedule(cast, picked)


def test_the_paper_path_is_refused_for_a_visit_the_experts_report(cast, picked):
    _schedule(cast, picked)
    cast.app_a.refresh_from_db()

    decision = can_take(cast.dept, cast.app_a, "record_spot_check")
    assert not decision and "抽查专家在平台上" in str(decision.reason)
    with pytest.raises(PermissionDenied):
        do_record_spot_check(
            cast.app_a,
            visited_on=timezone.localdate(),
            inspectors="某某",
            findings="相符",
            passed=True,
            files=[factories.pdf_upload("报告.pdf")],
            actor=cast.dept,
        )


def test_the_schedule_page_marks_the_conflicted_and_refuses_bad_input_naming_the_field(client, cast, picked):
    client.force_login(cast.dept)
    url = reverse("visits:schedule", kwargs={"pk": cast.app_a.pk})
    page = client.get(url).content.decode()
    assert f"{cast.conflicted_expert.expert.code} {cast.conflicted_expert.expert.name}" in page
    assert "（存在回避关系）" in page

    day = timezone.localdate().isoformat()
    refused = client.post(url, {"experts": [picked[0].pk], "visit_on": day})
    assert refused.status_code == 400 and "抽查专家" in refused.content.decode()
    assert not Visit.objects.exists()

    done = client.post(url, {"experts": [e.pk for e in picked], "visit_on": day})
    assert done.status_code == 302 and done["Location"] == reverse(
        "visits:detail", kwargs={"pk": Visit.objects.get().pk}
    )


def test_the_checklist_samples_the_largest_equipment_and_software_and_lists_workshops_or_scenarios(cast):
    draft = factories.draft_application(cast.call, cast.ent_a, "future_factory")
    on = timezone.localdate() - dt.timedelta(days=30)
    rows = [
        ("equipment", "3000000.00", "completed", "FP-A"),
        ("software", "9000000.00", "completed", "FP-B"),
        ("consulting_services", "50000000.00", "completed", "FP-C"),  # a service: nothing to see on site
        ("equipment", "8000000.00", "planned", ""),  # not bought yet
        ("equipment", "5000000.00", "completed", "FP-D"),
        ("software", "5000000.00", "completed", "FP-E"),  # same amount as FP-D, later row
        ("equipment", "1000000.00", "completed", "FP-F"),
        ("equipment", "7000000.00", "completed", "FP-G"),
    ]
    items = [
        {"occurred_on": on, "category": c, "amount": Decimal(a), "status": s, "invoice_no": n, "description": n}
        for c, a, s, n in rows
    ]
    do_replace_investments(draft, items, actor=cast.ent_a)

    entries = checklist_for(draft)

    invoices = [e.claimed.split("；")[0] for e in entries if e.kind == "investment"]
    assert invoices == [f"发票号码：{n}" for n in ("FP-B", "FP-G", "FP-D", "FP-E", "FP-A")]
    assert [e.kind for e in entries[5:]] == ["project", *["scenario"] * 5, "self_assessment"]
    assert checklist_for(draft) == entries  # deterministic
