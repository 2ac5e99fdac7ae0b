"""The expert scores one application online (第九条): as submitted, draft, check, submit, locked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from smartmfg.scoring import actions
from smartmfg.scoring.models import Score
from tests.scoring.builders import answers, form_data, panel, review_of, scored, seat, sheet_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(cast):
    draw, experts = panel(cast)
    return draw, experts, seat(draw, cast.expert.expert)


def test_the_review_opens_only_after_the_declaration(cast, client):
    draw, _experts = panel(cast, declared=False)
    place = seat(draw, cast.expert.expert)
    client.force_login(cast.expert)
    response = client.get(reverse("scoring:score", args=[place.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("experts:declare", args=[place.pk])
    with pytest.raises(PermissionDenied, match="请先声明"):
        actions.do_save_score(place, **answers(sheet_of(cast.app_b)), actor=cast.expert)


def test_the_page_shows_the_application_as_submitted_not_the_live_draft(cast, client, ready):
    _draw, _experts, place = ready
    submitted_name = cast.app_b.project_name
    cast.app_b.project_name = "提交后改过的名称"
    cast.app_b.save(update_fields=["project_name"])
    client.force_login(cast.expert)
    page = client.get(reverse("scoring:score", args=[place.pk])).content.decode()
    assert submitted_name in page
    assert "提交后改过的名称" not in page
    assert sheet_of(cast.app_b).criteria[0].title in page  # the sheet is beside it
    assert "提交时的条件判定" in page


def test_a_draft_saves_and_comes_back(cast, client, ready):
    _draw, _experts, place = ready
    sheet = sheet_of(cast.app_b)
    first = sheet.criteria[0]
    client.force_login(cast.expert)
    data = {f"points_{first.key}": "7.5", "opinion": "初步意见"}
    response = client.post(reverse("scoring:score", args=[place.pk]), data)
    assert response.status_code == 302
    page = client.get(reverse("scoring:score", args=[place.pk])).content.decode()
    assert 'value="7.5"' in page
    assert "初步意见" in page
    assert Score.objects.get(seat=place).submitted_at is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [("99", "不能超过"), ("-1", "不能为负"), ("7.25", "0.5"), ("八分", "数字")],
)
def test_a_bad_score_is_refused_naming_the_criterion_and_nothing_is_saved(cast, client, ready, typed, message):
    _draw, _experts, place = ready
    criterion = sheet_of(cast.app_b).criteria[0]
    client.force_login(cast.expert)
    response = client.post(reverse("scoring:score", args=[place.pk]), {f"points_{criterion.key}": typed})
    assert response.status_code == 400
    page = response.content.decode()
    assert criterion.title in page and message in page
    assert not Score.objects.filter(seat=place, points__has_key=criterion.key).exists()


def test_submitting_goes_through_check_your_answers_and_locks(cast, client, ready):
    _draw, _experts, place = ready
    sheet = sheet_of(cast.app_b)
    client.force_login(cast.expert)
    values = answers(sheet, "82.5")
    response = client.post(reverse("scoring:score", args=[place.pk]), form_data(sheet, values, check="1"))
    assert response["Location"] == reverse("scoring:check", args=[place.pk])
    check = client.get(reverse("scoring:check", args=[place.pk])).content.decode()
    assert "82.5" in check and "确认提交评分" in check and "修改" in check
    assert client.post(reverse("scoring:check", args=[place.pk])).status_code == 302
    stored = Score.objects.get(seat=place)
    assert stored.is_submitted and stored.total == Decimal("82.5")
    # locked: the page shows it read-only, and any change is refused
    page = client.get(reverse("scoring:score", args=[place.pk])).content.decode()
    assert "评分已锁定" in page
    assert client.post(reverse("scoring:score", args=[place.pk]), form_data(sheet, values)).status_code == 403
    with pytest.raises(PermissionDenied, match="已提交"):
        actions.do_submit_score(place, actor=cast.expert)


def test_an_incomplete_sheet_cannot_be_submitted(cast, client, ready):
    _draw, _experts, place = ready
    sheet = sheet_of(cast.app_b)
    values = answers(sheet, "80", opinion="", recommended=None)
    del values["points"][sheet.criteria[-1].key]
    actions.do_save_score(place, **values, actor=cast.expert)
    client.force_login(cast.expert)
    check = client.get(reverse("scoring:check", args=[place.pk])).content.decode()
    assert sheet.criteria[-1].title in check and "请填写总体评审意见" in check and "请选择推荐意见" in check
    assert "确认提交评分" not in check
    assert client.post(reverse("scoring:check", args=[place.pk])).status_code == 400
    assert Score.objects.get(seat=place).submitted_at is None


def test_a_required_comment_is_asked_for_on_its_comment(cast, ready):
    _draw, _experts, place = ready
    sheet = sheet_of(cast.app_b)
    needing = next(c for c in sheet.criteria if c.comment_required)
    values = answers(sheet)
    values["comments"][needing.key] = ""
    actions.do_save_score(place, **values, actor=cast.expert)
    with pytest.raises(ValidationError) as refused:
        actions.do_submit_score(place, actor=cast.expert)
    assert f"comment_{needing.key}" in refused.value.message_dict


def test_a_veto_means_not_recommended(cast, ready):
    _draw, _experts, place = ready
    sheet = sheet_of(cast.app_b)
    veto = sheet.vetoes[0]
    actions.do_save_score(place, **answers(sheet, "90", vetoes=[veto.key]), actor=cast.expert)
    with pytest.raises(ValidationError, match="不推荐"):
        actions.do_submit_score(place, actor=cast.expert)
    actions.do_save_score(place, **answers(sheet, "90", vetoes=[veto.key], recommended=False), actor=cast.expert)
    assert actions.do_submit_score(place, actor=cast.expert).vetoes == [veto.key]


def test_another_experts_scores_are_never_on_an_experts_page(cast, client, ready):
    draw, experts, place = ready
    other = experts[1]
    scored(draw, other, cast.app_b, "61.5")
    client.force_login(cast.expert)
    page = client.get(reverse("scoring:score", args=[place.pk])).content.decode()
    assert "61.5" not in page and other.name not in page and other.code not in page
    # not the leader: the panel's page does not open, before or after submitting
    review = review_of(draw)
    assert client.get(reverse("scoring:panel", args=[review.pk])).status_code == 404
    scored(draw, cast.expert.expert, cast.app_b, "80")
    assert client.get(reverse("scoring:panel", args=[review.pk])).status_code == 404


def test_the_deadline_to_the_second_and_an_extension(cast, client, ready):
    draw, _experts, place = ready
    review = review_of(draw)
    sheet = sheet_of(cast.app_b)
    cast.clock.move_to(review.due_at, tick=False)
    actions.do_save_score(place, **answers(sheet), actor=cast.expert)  # at the deadline: still open
    cast.clock.move_to(review.due_at + dt.timedelta(seconds=1), tick=False)
    with pytest.raises(PermissionDenied, match="截止时间已过"):
        actions.do_submit_score(place, actor=cast.expert)
    client.force_login(cast.expert)
    assert client.post(reverse("scoring:check", args=[place.pk])).status_code == 403
    actions.do_extend_deadline(
        review, cast.expert.expert, due_at=review.due_at + dt.timedelta(days=2), reason="出差", actor=cast.dept
    )
    assert actions.do_submit_score(place, actor=cast.expert).is_submitted


def test_before_the_review_opens_the_material_reads_but_nothing_scores(cast, client):
    draw, _experts = panel(cast, open_review=False)
    place = seat(draw, cast.expert.expert)
    client.force_login(cast.expert)
    page = client.get(reverse("scoring:score", args=[place.pk])).content.decode()
    assert "尚未启动评分" in page
    assert client.post(reverse("scoring:score", args=[place.pk]), {}).status_code == 403
