"""Art. 10: the deliberation of the experts' recommended applications, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from smartmfg.evaluations.actions import Ruling, do_order_spot_check, do_record_deliberation
from smartmfg.evaluations.models import Deliberation
from smartmfg.workflow.batch import BatchConflict, BatchRefused
from smartmfg.workflow.transition import transition
from tests.journeys import advance, today


def deliberate(cast, rulings, **fields):
    values = {"meeting": "2026年第5次厅务会", "held_on": today(), "minutes": "会议审议了专家推荐名单", **fields}
    return do_record_deliberation(cast.call, rulings, actor=cast.dept, **values)


@pytest.fixture
def recommended(cast):
    return advance(cast, cast.app_a, "expert_recommended"), advance(cast, cast.app_b, "expert_recommended")


def test_approvals_and_rejections_in_one_record(cast, recommended):
    a, b = recommended

    record = deliberate(cast, {a.pk: Ruling(True), b.pk: Ruling(False, "示范性不足")})

    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == ("approved", "deliberation_rejected")
    assert list(record.approved.all()) == [a]
    assert list(record.rejected.all()) == [b]
    rejection = b.events.get(action="disapprove")
    assert rejection.reason == "示范性不足"
    assert rejection.data == {"deliberation": record.pk}


def test_a_rejection_needs_its_reason(cast, recommended):
    a, b = recommended
    with pytest.raises(ValidationError):
        deliberate(cast, {a.pk: Ruling(True), b.pk: Ruling(False, " ")})
    assert not Deliberation.objects.exists()
    a.refresh_from_db()
    assert a.status == "expert_recommended"


def test_the_meeting_name_and_a_date_not_in_the_future(cast, recommended):
    a, _ = recommended
    with pytest.raises(ValidationError) as refused:
        deliberate(cast, {a.pk: Ruling(True)}, meeting="")
    assert "meeting" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        deliberate(cast, {a.pk: Ruling(True)}, held_on=today() + dt.timedelta(days=1))
    assert "held_on" in refused.value.message_dict


def test_nothing_is_done_when_one_application_changed_state_meanwhile(cast, recommended):
    a, b = recommended
    stale_b = type(b).objects.get(pk=b.pk)
    # Someone else rejected B in another deliberation after the page was shown.
    deliberate(cast, {stale_b.pk: Ruling(False, "另案处理")})

    with pytest.raises(BatchConflict) as conflict:
        deliberate(cast, {a.pk: Ruling(True), b.pk: Ruling(True)})

    assert b.reference in str(conflict.value) and a.reference not in str(conflict.value)
    a.refresh_from_db()
    assert a.status == "expert_recommended"
    assert Deliberation.objects.count() == 1


def test_a_pending_spot_check_blocks_approval_and_rejection(cast, recommended):
    a, b = recommended
    do_order_spot_check(a, purpose="核实投资", actor=cast.dept)

    for ruling in (Ruling(True), Ruling(False, "理由")):
        with pytest.raises(BatchRefused, match="现场抽查尚未录入结果"):
            deliberate(cast, {a.pk: ruling, b.pk: Ruling(True)})

    b.refresh_from_db()
    assert b.status == "expert_recommended"
    assert not Deliberation.objects.exists()


def test_applications_of_another_call_are_refused(cast, recommended):
    a, _ = recommended
    other = type(cast.call).objects.create(
        year=2020,
        title="旧批次",
        opens_at=cast.call.opens_at,
        closes_at=cast.call.closes_at,
        bureau_review_deadline=cast.call.bureau_review_deadline,
        created_by=cast.dept,
    )
    with pytest.raises(BatchRefused):
        do_record_deliberation(other, {a.pk: Ruling(True)}, meeting="会", held_on=today(), minutes="", actor=cast.dept)


# ------------------------------------------------------------------------ page


def test_the_page_lists_the_recommended_and_those_waiting_for_a_spot_check(client, cast, recommended):
    a, b = recommended
    do_order_spot_check(b, purpose="核实", actor=cast.dept)
    client.force_login(cast.dept)

    page = client.get(reverse("department:deliberation", args=[cast.call.pk]))

    html = page.content.decode()
    assert f'name="decision_{a.pk}"' in html
    assert f'name="decision_{b.pk}"' not in html
    assert "暂不能审议" in html and b.reference in html


def test_recording_through_the_page(client, cast, recommended):
    a, b = recommended
    client.force_login(cast.dept)
    url = reverse("department:deliberation", args=[cast.call.pk])
    form = {
        "meeting": "厅务会",
        "held_on": today().isoformat(),
        "shown": [a.pk, b.pk],
        f"decision_{a.pk}": "approve",
        f"decision_{b.pk}": "reject",
        f"reason_{b.pk}": "",
    }

    missing_reason = client.post(url, form)
    assert missing_reason.status_code == 400
    assert "审议不通过须填写理由" in missing_reason.content.decode()

    done = client.post(url, {**form, f"decision_{b.pk}": "defer"})
    assert done.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == ("approved", "expert_recommended")
    detail = client.get(done["Location"])
    assert a.reference in detail.content.decode()


def test_the_page_tells_which_application_moved(client, cast, recommended):
    a, b = recommended
    client.force_login(cast.dept)
    transition(b, "disapprove", cast.dept, reason="另案")

    response = client.post(
        reverse("department:deliberation", args=[cast.call.pk]),
        {
            "meeting": "厅务会",
            "held_on": today().isoformat(),
            "shown": [a.pk, b.pk],
            f"decision_{a.pk}": "approve",
            f"decision_{b.pk}": "approve",
        },
    )

    assert response.status_code == 409
    assert b.reference in response.content.decode()
    a.refresh_from_db()
    assert a.status == "expert_recommended"
