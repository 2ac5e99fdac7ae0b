"""第十条: objections are taken from the notice's first day to the end of its last day (24:00), to the minute,
whatever the page showed; nothing of a notice is objected to before it starts or outside its list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from smartmfg.notices.actions import (
    do_decide_objection,
    do_extend_notice,
    do_file_objection,
    do_record_objection,
    do_start_notice,
)
from smartmfg.notices.models import Objection, ObjectionDraft
from tests.journeys import advance, end_notice, today
from tests.objections.conftest import ANSWERS, Filing, at, form_url


def last_minute(notice) -> dt.datetime:
    return at(notice.ends_on, 23, 59, 0)


def test_the_last_minute_of_the_last_day_is_still_open(filing, cast):
    cast.clock.move_to(last_minute(filing.notice), tick=False)
    objection, _token = filing.file()
    assert objection.received_on == filing.notice.ends_on


def test_from_midnight_after_the_last_day_the_form_says_the_period_has_ended(filing, cast):
    cast.clock.move_to(filing.notice.closes_at, tick=False)

    page = filing.client.get(filing.url)

    assert page.status_code == 200
    html = page.content.decode()
    assert f"本次公示已于 {filing.notice.ends_on:%Y-%m-%d} 24:00 结束" in html
    assert 'name="challenge"' not in html  # no form to fill
    refused = filing.client.post(filing.url, ANSWERS)
    assert refused.status_code == 409
    assert "公示期满后不再受理异议" in refused.content.decode()
    assert not ObjectionDraft.objects.exists()


def test_a_page_shown_before_the_end_is_refused_after_it(filing, cast):
    """The check page was read at 23:59:59; the confirmation arrives at 00:00:00: the server refuses."""
    cast.clock.move_to(at(filing.notice.ends_on, 23, 59, 59), tick=False)
    check_url = filing.to_check()
    assert filing.client.get(check_url).status_code == 200

    cast.clock.move_to(filing.notice.closes_at, tick=False)
    confirmed = filing.client.post(check_url)

    assert confirmed.status_code == 409
    assert "结束" in confirmed.content.decode()
    assert not Objection.objects.exists()


def test_the_action_refuses_after_the_end_whatever_the_view_did(filing, cast):
    filing.to_check()
    cast.clock.move_to(filing.notice.closes_at + dt.timedelta(minutes=1), tick=False)
    with pytest.raises(ValidationError, match="不再受理异议"):
        do_file_objection(ObjectionDraft.objects.get())
    assert not Objection.objects.exists()


def test_an_extended_notice_takes_objections_until_its_new_end(filing, cast):
    do_extend_notice(
        filing.notice, ends_on=filing.notice.ends_on + dt.timedelta(days=3), reason="延长", actor=cast.dept
    )
    filing.notice.refresh_from_db()
    cast.clock.move_to(at(filing.notice.ends_on, 12), tick=False)
    filing.file()


def test_a_notice_not_started_does_not_exist_for_the_public(cast, client):
    approved = advance(cast, cast.app_a, "approved")
    monday = today() + dt.timedelta(days=7 - today().weekday())
    later = do_start_notice(cast.call, [approved.pk], title="公示", starts_on=monday, contact="规划处", actor=cast.dept)

    assert client.get(form_url(later, approved)).status_code == 404
    cast.clock.move_to(at(monday, 0, 0), tick=False)
    assert client.get(form_url(later, approved)).status_code == 200


def test_an_entry_not_on_the_notice_or_a_notice_that_does_not_exist_is_404(cast, client):
    a = advance(cast, cast.app_a, "approved")
    b = advance(cast, cast.app_b, "approved")
    only_a = do_start_notice(cast.call, [a.pk], title="公示", starts_on=today(), contact="规划处", actor=cast.dept)

    assert client.get(form_url(only_a, b)).status_code == 404
    assert client.post(form_url(only_a, b), ANSWERS).status_code == 404
    missing = reverse("objections:file", kwargs={"notice": only_a.pk + 100, "application": a.pk})
    assert client.get(missing).status_code == 404


def test_an_entry_taken_off_the_list_takes_no_more_objections(filing, cast):
    letter = do_record_objection(
        filing.notice,
        cast.app_a,
        received_on=today(),
        objector="",
        objector_contact="",
        content="来信",
        actor=cast.dept,
    )
    check_url = filing.to_check()  # a draft started before the decision
    do_decide_objection(letter, upheld=True, outcome="属实", actor=cast.dept)

    page = filing.client.get(filing.url)
    assert page.status_code == 200 and "该项目已不在公示名单中" in page.content.decode()
    assert filing.client.post(check_url).status_code == 409
    assert Objection.objects.count() == 1


def test_an_ended_notice_takes_no_objection(filing, cast, client):
    end_notice(cast, filing.notice)
    other = Filing(client, filing.notice, cast.app_b)
    page = other.client.get(other.url)
    assert page.status_code == 200 and "不再受理异议" in page.content.decode()
