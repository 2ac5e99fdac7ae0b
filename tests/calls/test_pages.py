"""The Department's call pages: list, create, edit, open, close, detail."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from smartmfg.audit.models import AuditEntry
from smartmfg.calls.models import Call, CallStatus
from tests import factories


def _form(**overrides: object) -> dict[str, object]:
    data = {
        "year": "2027",
        "title": "2027年度培育认定申报",
        "document_number": "吉工信规划〔2027〕1号",
        "description": "请按时申报。",
        "tiers": ["digital_workshop", "smart_factory"],
        "opens_at": "2027-03-01T09:00",
        "closes_at": "2027-04-30T17:30",
        "bureau_review_deadline": "2027-05-31",
        "max_attachment_mb": "30",
    }
    data.update(overrides)
    return data


def test_the_list_pages_sorts_and_exports_in_a_fixed_number_of_queries(
    client, cast, django_assert_max_num_queries
) -> None:
    for _ in range(5):
        factories.open_call(cast.dept)
    client.force_login(cast.dept)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("calls:list"))
    page = response.content.decode()
    assert response.status_code == 200 and cast.call.title in page and "新建申报批次" in page
    export = client.get(reverse("calls:list"), {"_export": "csv"})
    assert export.status_code == 200 and cast.call.title in export.content.decode("utf-8-sig")
    filtered = client.get(reverse("calls:list"), {"status": "closed"}).content.decode()
    assert cast.call.title not in filtered


def test_creating_a_call_in_shanghai_time(client, cast) -> None:
    client.force_login(cast.dept)
    response = client.post(reverse("calls:create"), _form())
    call = Call.objects.get(title="2027年度培育认定申报")
    assert response.status_code == 302 and response["Location"] == reverse("calls:detail", args=[call.pk])
    assert call.status == CallStatus.DRAFT
    assert call.tiers == ["digital_workshop", "smart_factory"]
    assert timezone.localtime(call.opens_at).strftime("%Y-%m-%d %H:%M") == "2027-03-01 09:00"
    assert call.opens_at == dt.datetime(2027, 3, 1, 1, 0, tzinfo=dt.UTC)
    assert call.max_attachment_mb == 30 and call.created_by == cast.dept
    assert AuditEntry.objects.filter(verb="create_call", target_id=str(call.pk)).exists()


def test_bad_input_names_the_field_and_creates_nothing(client, cast) -> None:
    client.force_login(cast.dept)
    before = Call.objects.count()
    response = client.post(
        reverse("calls:create"), _form(closes_at="2027-02-01T09:00", tiers=[], max_attachment_mb="0")
    )
    page = response.content.decode()
    assert response.status_code == 400 and Call.objects.count() == before
    assert "申报截止时间应晚于申报开始时间" in page
    assert "至少选择一个申报类别" in page
    assert "应在1至500 MB之间" in page
    response = client.post(reverse("calls:create"), _form(bureau_review_deadline="2027-04-01"))
    assert "属地初审截止日期不能早于申报截止日期" in response.content.decode()


def test_editing_records_what_changed(client, cast) -> None:
    client.force_login(cast.dept)
    local = timezone.localtime
    data = _form(
        year=str(cast.call.year),
        title="改过的标题",
        opens_at=local(cast.call.opens_at).strftime("%Y-%m-%dT%H:%M"),
        closes_at=local(cast.call.closes_at).strftime("%Y-%m-%dT%H:%M"),
        bureau_review_deadline=cast.call.bureau_review_deadline.isoformat(),
        tiers=["digital_workshop", "smart_factory", "future_factory"],
    )
    form_page = client.get(reverse("calls:edit", args=[cast.call.pk])).content.decode()
    assert cast.call.title in form_page
    assert client.post(reverse("calls:edit", args=[cast.call.pk]), data).status_code == 302
    cast.call.refresh_from_db()
    assert cast.call.title == "改过的标题"
    entry = AuditEntry.objects.get(verb="update_call", target_id=str(cast.call.pk))
    assert entry.changes["title"][1] == "改过的标题"
    detail = client.get(reverse("calls:detail", args=[cast.call.pk])).content.decode()
    assert "修改批次信息" in detail and "改过的标题" in detail


def test_a_draft_opens_once_after_confirmation_and_closes_once(client, cast) -> None:
    client.force_login(cast.dept)
    client.post(reverse("calls:create"), _form())
    draft = Call.objects.get(title="2027年度培育认定申报")
    confirm = client.get(reverse("calls:open", args=[draft.pk]))
    assert confirm.status_code == 200 and "确认发布" in confirm.content.decode()
    draft.refresh_from_db()
    assert draft.status == CallStatus.DRAFT  # the confirmation page changes nothing
    assert client.post(reverse("calls:open", args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    assert draft.status == CallStatus.OPEN
    again = client.post(reverse("calls:open", args=[draft.pk]))
    assert again.status_code == 403 and "只有草稿状态的批次可以发布" in again.content.decode()
    assert client.post(reverse("calls:close", args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    assert draft.status == CallStatus.CLOSED
    assert client.post(reverse("calls:close", args=[draft.pk])).status_code == 403
    entries = AuditEntry.objects.filter(target_type="calls.call", target_id=str(draft.pk)).order_by("id")
    verbs = list(entries.values_list("verb", flat=True))
    assert verbs == ["create_call", "open_call", "close_call"]


def test_a_draft_cannot_be_closed_and_its_import_button_says_why(client, cast) -> None:
    client.force_login(cast.dept)
    client.post(reverse("calls:create"), _form())
    draft = Call.objects.get(title="2027年度培育认定申报")
    assert client.get(reverse("calls:close", args=[draft.pk])).status_code == 403
    page = client.get(reverse("calls:detail", args=[draft.pk])).content.decode()
    assert "批次尚未发布，不能导入申报" in page
    assert client.get(reverse("calls:import", args=[draft.pk])).status_code == 403


def test_the_detail_shows_the_policy_with_articles_defaults_and_changes(client, cast) -> None:
    client.force_login(cast.dept)
    page = client.get(reverse("calls:detail", args=[cast.call.pk])).content.decode()
    assert "在建项目纳入培育阶段的建成投产期限" in page and "cultivation_deadline" in page
    assert "第五条至第七条第1款" in page and "2025-12-31" in page  # the Rules' default
    assert "已调整" in page  # the cast's call moved the deadline
    assert "智能工厂近年软硬件完成投资最低额（元）" in page and "4,000万元" in page
    assert "参数调整记录" in page and "测试" in page  # the reason of the cast's change
