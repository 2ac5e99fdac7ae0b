"""Art. 10: the public notice of the approved applications, objections, and the end of the notice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartmfg.audit.models import AuditEntry
from smartmfg.eligibility.actions import do_change_policy
from smartmfg.lib.workdays import is_working_day, knows, last_working_day
from smartmfg.notices.actions import (
    do_ask_enterprise,
    do_decide_objection,
    do_end_notice,
    do_extend_notice,
    do_record_objection,
    do_start_notice,
)
from smartmfg.notices.models import Objection, PublicNotice
from smartmfg.workflow.batch import BatchConflict
from smartmfg.workflow.transition import transition
from tests.journeys import SHANGHAI, advance, end_notice, start_notice, today


@pytest.fixture
def approved(cast):
    return advance(cast, cast.app_a, "approved"), advance(cast, cast.app_b, "approved")


# ------------------------------------------------------------------ calendar


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-11-23", "2026-11-27"),  # Monday to Friday
        ("2026-11-21", "2026-11-27"),  # a Saturday start counts from Monday
        ("2026-09-21", "2026-09-28"),  # 25 September 2026 is the Mid-Autumn Festival
        ("2026-09-30", "2026-10-12"),  # over National Day, counting the adjusted working Saturday 10 October
        ("2026-04-30", "2026-05-09"),  # Saturday 9 May is a working day in exchange for Labour Day
    ],
)
def test_five_working_days_follow_the_state_councils_calendar(start, end):
    assert last_working_day(dt.date.fromisoformat(start), 5) == dt.date.fromisoformat(end)


def test_a_year_the_calendar_does_not_know_falls_back_to_weekdays_and_fixed_holidays():
    later = dt.date(2099, 1, 1)
    assert not knows(later)
    assert not is_working_day(later)  # 元旦
    assert is_working_day(dt.date(2099, 1, 2))  # a Friday


# -------------------------------------------------------------------- notice


def test_starting_a_notice_puts_the_approved_in_notice_for_the_policys_working_days(cast, approved):
    a, b = approved

    notice = do_start_notice(
        cast.call, [a.pk, b.pk], title="公示", starts_on=today(), contact="规划处", actor=cast.dept
    )

    assert cast.call.get_policy().notice_working_days == 5
    assert notice.ends_on == last_working_day(today(), 5)
    assert set(notice.applications.all()) == {a, b}
    for application in (a, b):
        application.refresh_from_db()
        assert application.status == "in_notice"
        assert application.events.get(action="start_notice").data == {"notice": notice.pk}


def test_the_period_is_the_calls_number_of_working_days(cast, approved):
    a, _ = approved
    do_change_policy(cast.call, {"notice_working_days": "7"}, reason="延长公示期", actor=cast.dept)
    cast.call.refresh_from_db()
    notice = do_start_notice(cast.call, [a.pk], title="公示", starts_on=today(), contact="规划处", actor=cast.dept)
    assert notice.ends_on == last_working_day(today(), 7)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": ""}, "title"),
        ({"contact": " "}, "contact"),
        ({"starts_on": "yesterday"}, "starts_on"),
    ],
)
def test_a_notice_needs_title_contact_and_cannot_start_in_the_past(cast, approved, fields, field):
    a, _ = approved
    if fields.get("starts_on") == "yesterday":
        fields = {"starts_on": today() - dt.timedelta(days=1)}
    values = {"title": "公示", "starts_on": today(), "contact": "规划处", **fields}
    with pytest.raises(ValidationError) as refused:
        do_start_notice(cast.call, [a.pk], actor=cast.dept, **values)
    assert field in refused.value.message_dict
    assert not PublicNotice.objects.exists()
    a.refresh_from_db()
    assert a.status == "approved"


def test_a_notice_may_start_later_and_then_runs_from_its_start(cast, approved):
    a, _ = approved
    monday = today() + dt.timedelta(days=7 - today().weekday())
    notice = do_start_notice(cast.call, [a.pk], title="公示", starts_on=monday, contact="规划处", actor=cast.dept)
    assert (notice.starts_on, notice.ends_on) == (monday, last_working_day(monday, 5))


# ------------------------------------------------------------ the period's end


def _at(day: dt.date, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=SHANGHAI)


def test_the_notice_stays_open_through_its_last_day_and_ends_from_the_next(cast, approved):
    a, _ = approved
    notice = start_notice(cast, cast.call, a, ended=False)
    cast.clock.move_to(_at(notice.ends_on, 23, 59, 59), tick=False)
    with pytest.raises(ValidationError, match="期满后才能结束公示"):
        do_end_notice(notice, [a.pk], actor=cast.dept)
    cast.clock.move_to(_at(notice.ends_on + dt.timedelta(days=1), 0, 0, 0), tick=False)
    do_end_notice(notice, [a.pk], actor=cast.dept)
    a.refresh_from_db()
    assert a.status == "notice_passed"


def test_a_notice_is_extended_but_never_shortened(cast, approved):
    a, _ = approved
    notice = start_notice(cast, cast.call, a, ended=False)
    first_end = notice.ends_on
    for ends_on in (first_end, first_end - dt.timedelta(days=1)):
        with pytest.raises(ValidationError) as refused:
            do_extend_notice(notice, ends_on=ends_on, reason="延长", actor=cast.dept)
        assert "ends_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        do_extend_notice(notice, ends_on=first_end + dt.timedelta(days=3), reason=" ", actor=cast.dept)
    assert "reason" in refused.value.message_dict

    do_extend_notice(notice, ends_on=first_end + dt.timedelta(days=3), reason="收到较多咨询", actor=cast.dept)

    notice.refresh_from_db()
    assert notice.ends_on == first_end + dt.timedelta(days=3)
    entry = AuditEntry.objects.get(verb="extend_notice")
    assert entry.changes == {"ends_on": [first_end.isoformat(), notice.ends_on.isoformat()]}
    assert entry.reason == "收到较多咨询"


def test_a_notice_whose_period_is_over_cannot_be_extended(cast, approved):
    a, _ = approved
    notice = start_notice(cast, cast.call, a, ended=False)
    cast.clock.move_to(_at(notice.ends_on, 23, 59), tick=False)
    do_extend_notice(notice, ends_on=notice.ends_on + dt.timedelta(days=1), reason="延长一天", actor=cast.dept)
    notice.refresh_from_db()
    cast.clock.move_to(_at(notice.ends_on + dt.timedelta(days=1), 0, 1), tick=False)
    with pytest.raises(ValidationError, match="不能再延长"):
        do_extend_notice(notice, ends_on=notice.ends_on + dt.timedelta(days=5), reason="再延长", actor=cast.dept)


def test_a_notice_over_a_moved_application_does_nothing(cast, approved):
    a, b = approved
    start_notice(cast, cast.call, b)  # B went into another notice since the page was shown

    with pytest.raises(BatchConflict) as conflict:
        start_notice(cast, cast.call, a, b)

    assert b.reference in str(conflict.value)
    a.refresh_from_db()
    assert a.status == "approved"
    assert PublicNotice.objects.count() == 1


def test_only_the_department_starts_a_notice(cast, approved):
    a, _ = approved
    with pytest.raises(PermissionDenied):
        do_start_notice(cast.call, [a.pk], title="t", starts_on=today(), contact="c", actor=cast.changchun)


# ---------------------------------------------------------------- objections


def object_to(cast, notice, application, **fields):
    values = {
        "received_on": notice.starts_on,
        "objector": "某公司",
        "objector_contact": "13800000000",
        "content": "该企业投资数据不实",
        **fields,
    }
    return do_record_objection(notice, application, actor=cast.dept, **values)


def test_an_upheld_objection_takes_the_application_off_the_list(cast, approved):
    a, b = approved
    notice = start_notice(cast, cast.call, a, b)
    objection = object_to(cast, notice, a)

    do_decide_objection(objection, upheld=True, outcome="经核实，投资发票不实", actor=cast.dept)

    a.refresh_from_db()
    objection.refresh_from_db()
    assert a.status == "objection_upheld"
    assert (objection.status, objection.decided_by) == ("upheld", cast.dept)
    assert a.events.get(action="uphold_objection").reason == "经核实，投资发票不实"
    received = a.events.get(action="receive_objection")  # entered from a letter: the officer, no reason
    assert (received.actor, received.reason, received.data["channel"]) == (cast.dept, "", "letter")
    assert objection.receipt_number.startswith("YY-") and objection.channel == "letter"
    end_notice(cast, notice)
    b.refresh_from_db()
    a.refresh_from_db()
    assert (a.status, b.status) == ("objection_upheld", "notice_passed")


def test_a_dismissed_objection_is_recorded_in_place(cast, approved):
    a, _ = approved
    notice = start_notice(cast, cast.call, a)
    objection = object_to(cast, notice, a)

    do_decide_objection(objection, upheld=False, outcome="异议缺乏依据", actor=cast.dept)

    a.refresh_from_db()
    assert a.status == "in_notice"
    event = a.events.get(action="dismiss_objection")
    assert (event.from_status, event.to_status, event.reason) == ("in_notice", "in_notice", "异议缺乏依据")
    with pytest.raises(ValidationError):
        do_decide_objection(objection, upheld=True, outcome="再议", actor=cast.dept)


def test_an_objection_needs_content_an_outcome_and_a_date_in_the_period(cast, approved):
    a, _ = approved
    notice = start_notice(cast, cast.call, a)
    for fields, field in (
        ({"content": ""}, "content"),
        ({"received_on": notice.starts_on - dt.timedelta(days=1)}, "received_on"),
        ({"received_on": notice.ends_on + dt.timedelta(days=1)}, "received_on"),
    ):
        with pytest.raises(ValidationError) as refused:
            object_to(cast, notice, a, **fields)
        assert field in refused.value.message_dict
    objection = object_to(cast, notice, a)
    with pytest.raises(ValidationError) as refused:
        do_decide_objection(objection, upheld=True, outcome=" ", actor=cast.dept)
    assert "outcome" in refused.value.message_dict
    assert Objection.objects.get().status == "open"


def test_an_objection_against_an_application_not_on_the_list_is_refused(cast, approved):
    a, b = approved
    notice = start_notice(cast, cast.call, a)
    with pytest.raises(ValidationError) as refused:
        object_to(cast, notice, b)
    assert "application" in refused.value.message_dict


# ----------------------------------------------------------------- the end


def test_a_notice_ends_only_after_its_end_date(cast, approved):
    a, _ = approved
    notice = start_notice(cast, cast.call, a, ended=False)

    with pytest.raises(ValidationError, match="期满后才能结束公示"):
        do_end_notice(notice, [a.pk], actor=cast.dept)

    a.refresh_from_db()
    notice.refresh_from_db()
    assert (a.status, notice.status) == ("in_notice", "open")


def test_a_notice_does_not_end_with_an_objection_pending(cast, approved):
    a, b = approved
    notice = start_notice(cast, cast.call, a, b)
    object_to(cast, notice, b)

    with pytest.raises(ValidationError, match="异议未处理"):
        end_notice(cast, notice)

    a.refresh_from_db()
    assert a.status == "in_notice"


def test_ending_the_notice_refuses_a_stale_list(cast, approved):
    a, b = approved
    notice = start_notice(cast, cast.call, a, b)
    b.refresh_from_db()
    transition(b, "uphold_objection", cast.dept, reason="异议成立")

    with pytest.raises(BatchConflict) as conflict:
        do_end_notice(notice, [a.pk, b.pk], actor=cast.dept)

    assert b.reference in str(conflict.value)
    a.refresh_from_db()
    notice.refresh_from_db()
    assert (a.status, notice.status) == ("in_notice", "open")


# ---------------------------------------------------------------------- pages


def test_the_notice_pages(client, cast, approved):
    a, b = approved
    client.force_login(cast.dept)
    start_url = reverse("notices:start", args=[cast.call.pk])
    page = client.get(start_url)
    assert page.status_code == 200
    assert last_working_day(today(), 5).isoformat() in page.content.decode()
    fields = {"applications": [a.pk, b.pk], "title": "拟认定名单公示", "contact": "规划处"}

    back_dated = client.post(start_url, {**fields, "starts_on": (today() - dt.timedelta(days=10)).isoformat()})
    assert back_dated.status_code == 400
    assert "公示开始日期</a>：公示开始日期不能早于今天" in back_dated.content.decode()
    assert not PublicNotice.objects.exists()

    created = client.post(start_url, {**fields, "starts_on": today().isoformat()})
    assert created.status_code == 302
    notice = PublicNotice.objects.get()
    assert notice.ends_on == last_working_day(today(), 5)
    manage = reverse("notices:manage", args=[notice.pk])
    assert created["Location"] == manage

    bad = client.post(reverse("notices:add_objection", args=[notice.pk]), {"application": a.pk, "content": ""})
    assert bad.status_code == 400
    assert "异议内容" in bad.content.decode()
    client.post(
        reverse("notices:add_objection", args=[notice.pk]),
        {"application": a.pk, "channel": "letter", "received_on": notice.starts_on.isoformat(), "content": "数据不实"},
    )
    objection = Objection.objects.get()
    end_of_period = dt.datetime.combine(notice.ends_on + dt.timedelta(days=1), dt.time(9), tzinfo=SHANGHAI)
    cast.clock.move_to(end_of_period, tick=True)
    refused = client.post(reverse("notices:end", args=[notice.pk]), {"applications": [a.pk, b.pk]})
    assert refused.status_code == 302
    page = client.get(manage)
    assert "异议未处理" in page.content.decode()

    client.post(
        reverse("notices:decide_objection", args=[objection.pk]),
        {f"o{objection.pk}-decision": "upheld", f"o{objection.pk}-outcome": "属实"},
    )
    ended = client.post(reverse("notices:end", args=[notice.pk]), {"applications": [b.pk]})
    assert ended.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == ("objection_upheld", "notice_passed")
    assert client.get(reverse("notices:end", args=[notice.pk])).status_code == 405


def test_the_notice_page_reads_its_objections_in_a_fixed_number_of_queries(client, cast, approved):
    a, b = approved
    notice = start_notice(cast, cast.call, a, b, ended=False)
    client.force_login(cast.dept)
    url = reverse("notices:manage", args=[notice.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    object_to(cast, notice, a)
    one = queries()
    for application in (a, b, b):
        objection = object_to(cast, notice, application)
    do_ask_enterprise(objection, question="请说明", actor=cast.dept)
    assert queries() == one
