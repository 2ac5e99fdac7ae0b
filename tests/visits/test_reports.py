"""第九条: the experts fill the checklist, sign it, and the last signature reports the visit."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from smartmfg.audit.models import AuditEntry
from smartmfg.demo.files import DEMO_PDF
from smartmfg.evaluations.models import SpotCheck
from smartmfg.inbox.models import Message
from smartmfg.lib.documents import render_pdf
from smartmfg.visits import actions
from smartmfg.visits.documents import report_html
from smartmfg.visits.models import VisitPhoto
from smartmfg.workflow import guards
from tests.journeys import conclude
from tests.reviews.test_letters import pdf_objects
from tests.visits.builders import fill, in_review, members_of, photo_of, png, scheduled, sign

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def visit(cast):
    return scheduled(cast)


def _entries(visit, **by_position):
    """Every item "matches" unless given (position -> (result, note))."""
    chosen = {int(k[1:]): v for k, v in by_position.items()}
    return {i.pk: chosen.get(i.position, ("matches", "")) for i in visit.items.order_by("position")}


def test_does_not_match_needs_a_note_naming_the_item_and_nothing_is_saved(client, cast, visit):
    first = visit.items.get(position=1)
    with pytest.raises(ValidationError) as refused:
        actions.do_save_visit_items(visit, _entries(visit, p1=("mismatch", " ")), revision=1, actor=cast.expert)
    assert "第1项" in refused.value.message_dict[f"note_{first.pk}"][0]

    client.force_login(cast.expert)
    data = {"revision": 1, **{f"result_{pk}": r for pk, (r, _n) in _entries(visit, p1=("mismatch", "")).items()}}
    page = client.post(reverse("visits:visit", kwargs={"pk": visit.pk}), data)
    assert page.status_code == 400 and "第1项说明" in page.content.decode()
    visit.refresh_from_db()
    assert visit.revision == 1 and set(visit.items.values_list("result", flat=True)) == {"not_checked"}


def test_any_member_edits_the_draft_but_never_over_a_change_they_did_not_see(cast, visit):
    other = members_of(visit)[1]
    actions.do_save_visit_items(visit, _entries(visit), revision=1, actor=cast.expert)
    with pytest.raises(ValidationError, match="其他专家刚刚修改"):
        actions.do_save_visit_items(visit, _entries(visit, p1=("not_checked", "")), revision=1, actor=other)
    actions.do_save_visit_items(visit, _entries(visit, p1=("mismatch", "设备不在现场")), revision=2, actor=other)
    assert visit.items.get(position=1).note == "设备不在现场"


def test_after_a_signature_nothing_changes(client, cast, visit):
    fill(visit, cast.expert)
    sign(visit, cast.expert)

    with pytest.raises(PermissionDenied, match="已有专家签署"):
        actions.do_save_visit_items(visit, _entries(visit), revision=visit.revision, actor=members_of(visit)[1])
    with pytest.raises(PermissionDenied, match="已有专家签署"):
        photo_of(visit, cast.expert)
    client.force_login(members_of(visit)[1])
    item = visit.items.first()
    refused = client.post(reverse("visits:add_photo", kwargs={"pk": item.pk}), {"photo": png()})
    assert refused.status_code == 403 and "已有专家签署" in refused.content.decode()
    assert not VisitPhoto.objects.exists()


def test_a_member_signs_only_once_the_visit_day_has_come(cast):
    today = timezone.localdate()
    visit = scheduled(cast, day=today + dt.timedelta(days=1))
    fill(visit, cast.expert)
    cast.clock.move_to(dt.datetime.combine(today, dt.time(23, 59, 59), tzinfo=SHANGHAI), tick=False)
    with pytest.raises(PermissionDenied, match="之前不能签署"):
        sign(visit, cast.expert)
    cast.clock.move_to(dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0, 0), tzinfo=SHANGHAI), tick=False)
    assert sign(visit, cast.expert).status == "signing"


def test_the_report_is_taken_at_the_last_signature_and_a_pass_leaves_the_state(
    cast, visit, django_capture_on_commit_callbacks
):
    first, last = members_of(visit)
    fill(visit, cast.expert, {3: ("not_checked", "")})
    sign(visit, first)
    check = SpotCheck.objects.get(pk=visit.spot_check_id)
    assert check.is_pending and not cast.app_a.events.filter(action="report_visit").exists()
    assert not guards.no_spot_check_pending(cast.app_a, cast.dept)
    with pytest.raises(PermissionDenied, match="您已签署"):
        sign(visit, first)

    with django_capture_on_commit_callbacks(execute=True):
        sign(visit, last)

    cast.app_a.refresh_from_db()
    check.refresh_from_db()
    event = cast.app_a.events.get(action="report_visit")
    assert (event.actor, event.role, event.from_status, event.to_status) == (
        last,
        "expert",
        "expert_review",
        "expert_review",
    )
    assert event.data == {"visit": visit.pk, "passed": True}
    assert event.attachments.get().kind == "spot_check_report"
    assert (check.passed, check.visited_on, check.recorded_by, check.event) == (True, visit.visit_on, last, event)
    assert check.inspectors == "、".join(m.expert.name for m in visit.members.order_by("id"))
    assert "另有 1 项未核查" in check.findings
    assert guards.no_spot_check_pending(cast.app_a, cast.dept)
    assert Message.objects.filter(event="visit_reported", recipient=cast.dept).exists()
    verbs = AuditEntry.objects.filter(target_type="visits.visit", target_id=str(visit.pk)).values_list(
        "verb", flat=True
    )
    assert sorted(verbs) == ["report_visit", "schedule_visit", "sign_visit", "sign_visit"]


def test_materials_found_untrue_make_a_recommended_application_not_recommended(client, cast):
    in_review(cast, cast.app_a)
    conclude(cast, cast.app_a)  # the experts recommended it before anyone went there
    visit = scheduled(cast)
    fill(visit, cast.expert, {1: ("mismatch", "发票所列五轴加工中心不在现场")})
    sign(visit, *members_of(visit))

    cast.app_a.refresh_from_db()
    assert cast.app_a.status == "expert_not_recommended"
    check = SpotCheck.objects.get(pk=visit.spot_check_id)
    assert check.passed is False and "发票所列五轴加工中心不在现场" in check.findings
    assert cast.app_a.events.get(action="report_visit").reason == check.findings

    client.force_login(cast.dept)
    page = client.get(reverse("visits:detail", kwargs={"pk": visit.pk})).content.decode()
    assert "发票所列五轴加工中心不在现场" in page
    assert reverse("enterprises:detail", kwargs={"pk": cast.enterprise_a.pk}) in page
    assert client.get(reverse("visits:report", kwargs={"pk": visit.pk}))["Content-Type"] == "application/pdf"


def test_a_non_member_expert_never_reaches_the_visit_and_the_step_refuses_them(client, cast, visit):
    client.force_login(cast.conflicted_expert)
    assert client.get(reverse("visits:visit", kwargs={"pk": visit.pk})).status_code == 404
    assert client.post(reverse("visits:sign", kwargs={"pk": visit.pk}), {"confirm": "on"}).status_code == 404
    cast.app_a.refresh_from_db()
    assert not guards.reports_visit(cast.app_a, cast.conflicted_expert)
    assert guards.reports_visit(cast.app_a, cast.expert)


def test_signing_on_the_page_needs_the_statement(client, cast, visit):
    client.force_login(cast.expert)
    url = reverse("visits:sign", kwargs={"pk": visit.pk})
    refused = client.post(url, {"revision": visit.revision})
    assert refused.status_code == 400 and "请确认已核实抽查情况" in refused.content.decode()
    assert client.post(url, {"revision": visit.revision, "confirm": "on"}).status_code == 302
    assert visit.members.get(expert=cast.expert.expert).signed_at is not None


def test_photos_are_images_by_their_content_seen_by_the_members_and_the_department(client, cast, visit):
    item = visit.items.first()
    client.force_login(cast.expert)
    url = reverse("visits:add_photo", kwargs={"pk": item.pk})
    refused = client.post(url, {"photo": SimpleUploadedFile("伪装.png", DEMO_PDF, content_type="image/png")})
    assert refused.status_code == 400 and "须为JPEG或PNG图片" in refused.content.decode()
    assert client.post(url, {"photo": png()}).status_code == 302
    shown = VisitPhoto.objects.get()
    photo = reverse("visits:photo", kwargs={"pk": shown.pk})
    assert client.get(photo)["Content-Type"] == "image/png"
    for outsider, code in ((cast.conflicted_expert, 404), (cast.ent_a, 404), (cast.dept, 200)):
        client.force_login(outsider)
        assert client.get(photo).status_code == code

    client.force_login(cast.expert)
    assert client.post(reverse("visits:remove_photo", kwargs={"pk": shown.pk})).status_code == 302
    shown.refresh_from_db()
    assert shown.removed_at is not None


def test_the_report_renders_with_the_embedded_font(cast, visit):
    fill(visit, cast.expert, {2: ("mismatch", "生产线停产")})
    sign(visit, *members_of(visit))
    html = report_html(visit)
    assert "生产线停产" in html and "我已核实以上抽查情况，同意签署" in html
    assert all(m.expert.name in html for m in visit.members.all())
    pdf = render_pdf(html)
    assert pdf.startswith(b"%PDF") and b"+ReportSerif" in pdf_objects(pdf)  # the shipped font, embedded (subset)
