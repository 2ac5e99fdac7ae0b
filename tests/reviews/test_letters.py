"""Recommendation letters (推荐函, Art. 8): drafting, numbering, sending, documents, who reads them."""

from __future__ import annotations

import datetime as dt
import io
import re
import zlib

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from smartmfg.applications.models import ApplicationEvent
from smartmfg.audit.models import AuditEntry
from smartmfg.reviews.actions import LetterConflict, do_send_letter
from smartmfg.reviews.models import RecommendationLetter
from smartmfg.workflow.transition import Conflict
from tests import factories
from tests.journeys import SHANGHAI, draft, pass_review, recommended, send

YEAR = timezone.localdate().year


@pytest.fixture
def app_c(cast):
    """A second application in 长春 (朝阳区), submitted and passed by the 长春 bureau."""
    company = factories.enterprise("长春丙企业有限公司", "220104")
    applicant = factories.enterprise_user("ent_c", company)
    return pass_review(factories.submitted_application(cast.call, applicant, reviewer=cast.changchun), cast.changchun)


def pdf_objects(content: bytes) -> bytes:
    """The PDF's objects with their compressed streams inflated (fonts sit in object streams)."""
    parts = [content]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.DOTALL):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)


def post_letter(client, call, applications, **fields):
    data = {"call": call.pk, "applications": [a.pk for a in applications], "title": "关于推荐的函", "body": "正文"}
    data.update(fields)
    return client.post(reverse("reviews:letter_new"), data)


def test_drafting_from_the_page_numbers_letters_per_bureau_and_year(client, cast, app_c):
    pass_review(cast.app_a, cast.changchun)
    client.force_login(cast.changchun)
    form = client.get(reverse("reviews:letter_new"), {"call": cast.call.pk})
    assert form.status_code == 200
    assert set(form.context["form"].initial["applications"]) == {cast.app_a, app_c}
    assert "吉林省工业和信息化厅" in form.content.decode()  # where it goes
    assert "吉工信规划〔2024〕228号" in form.context["form"].initial["body"]

    response = post_letter(client, cast.call, [cast.app_a])
    first = RecommendationLetter.objects.get()
    assert response.url == reverse("reviews:letter_detail", args=[first.pk])
    assert first.document_number == f"长工信推〔{YEAR}〕1号"
    assert first.recipient.parent_id is None and first.status == "draft"
    assert post_letter(client, cast.call, [app_c]).status_code == 302
    assert RecommendationLetter.objects.latest("id").document_number == f"长工信推〔{YEAR}〕2号"

    pass_review(cast.app_b, cast.jilin)
    assert draft(cast.jilin, [cast.app_b]).document_number == f"吉市工信推〔{YEAR}〕1号"


def test_drafting_refuses_what_the_bureau_may_not_list(client, cast):
    client.force_login(cast.changchun)
    response = post_letter(client, cast.call, [cast.app_a])  # not passed yet
    assert response.status_code == 400
    assert "列入本函的申报" in response.content.decode()
    response = post_letter(client, cast.call, [], title="")
    assert response.status_code == 400
    assert "请至少选择一项初审通过的申报" in response.content.decode()
    assert not RecommendationLetter.objects.exists()
    pass_review(cast.app_b, cast.jilin)
    with pytest.raises(ValidationError):
        draft(cast.changchun, [cast.app_b])  # 吉林市's


def test_sending_moves_every_listed_application_and_records_each_step(client, cast, app_c):
    pass_review(cast.app_a, cast.changchun)
    letter = draft(cast.changchun, [cast.app_a, app_c])
    client.force_login(cast.changchun)
    page = client.get(reverse("reviews:letter_detail", args=[letter.pk])).content.decode()
    assert letter.document_number in page and cast.app_a.reference in page and app_c.reference in page

    response = client.post(reverse("reviews:letter_send", args=[letter.pk]), {"revision": letter.revision})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.status == "sent" and letter.sent_by == cast.changchun and letter.sent_at is not None
    for application in (cast.app_a, app_c):
        application.refresh_from_db()
        assert application.status == "recommended"
        assert application.holder is None  # with the Department now
        event = application.events.get(action="recommend")
        assert event.data == {"letter_id": letter.pk, "document_number": letter.document_number}
        assert letter.document_number in event.reason
    assert set(letter.events.values_list("application_id", flat=True)) == {cast.app_a.pk, app_c.pk}
    assert AuditEntry.objects.filter(verb="send_letter", target_id=str(letter.pk)).exists()
    again = client.post(reverse("reviews:letter_send", args=[letter.pk]), {"revision": letter.revision})
    assert again.status_code == 403


def test_the_documents_list_the_applications_and_embed_the_font(client, cast, app_c):
    letter = recommended(cast.app_a, cast.changchun)
    client.force_login(cast.dept)
    word = client.get(reverse("reviews:letter_document", args=[letter.pk, "docx"]))
    assert word.status_code == 200
    document = docx.Document(io.BytesIO(b"".join(word.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert letter.document_number in text and letter.title in text and "吉林省工业和信息化厅：" in text
    assert "长春市工业和信息化局" in text
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[0][:4] == ["序号", "申报编号", "企业名称", "统一社会信用代码"]
    assert rows[1][1:4] == [cast.app_a.reference, cast.enterprise_a.name, cast.enterprise_a.uscc]
    assert rows[1][6] == f"{cast.app_a.eligible_investment:,.2f}"

    pdf = client.get(reverse("reviews:letter_document", args=[letter.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    content = b"".join(pdf.streaming_content)
    assert content.startswith(b"%PDF") and len(content) > 5000
    objects = pdf_objects(content)
    assert b"/FontFile3" in objects and b"+LetterSerif" in objects  # the shipped font, embedded (subset)


def test_a_change_since_drafting_refuses_sending_and_changes_nothing(client, cast, app_c):
    colleague = factories.bureau_user("changchun2", "220100")
    pass_review(cast.app_a, cast.changchun)
    letter = draft(cast.changchun, [cast.app_a, app_c])
    send(draft(colleague, [app_c]), colleague)  # a colleague's letter took C first

    client.force_login(cast.changchun)
    response = client.post(reverse("reviews:letter_send", args=[letter.pk]), {"revision": letter.revision}, follow=True)
    assert f"{app_c.reference}（现状态：已推荐（待资格复审））" in response.content.decode()
    letter.refresh_from_db()
    cast.app_a.refresh_from_db()
    assert letter.status == "draft" and not letter.docx and not letter.pdf and not letter.events.exists()
    assert cast.app_a.status == "bureau_passed" and not cast.app_a.events.filter(action="recommend").exists()
    with pytest.raises(LetterConflict) as refused:
        do_send_letter(letter, actor=cast.changchun, revision=letter.revision)
    assert refused.value.problems == [f"{app_c.reference}（现状态：已推荐（待资格复审））"]


def test_a_stale_revision_is_refused(cast, app_c):
    letter = draft(cast.changchun, [app_c])
    with pytest.raises(Conflict):
        do_send_letter(letter, actor=cast.changchun, revision=letter.revision - 1)
    letter.refresh_from_db()
    assert letter.status == "draft"


def test_editing_and_voiding_a_draft(client, cast, app_c):
    pass_review(cast.app_a, cast.changchun)
    letter = draft(cast.changchun, [cast.app_a])
    client.force_login(cast.changchun)
    url = reverse("reviews:letter_edit", args=[letter.pk])
    data = {"applications": [cast.app_a.pk, app_c.pk], "title": "新标题", "body": "新正文"}
    assert client.post(url, data).status_code == 302
    letter.refresh_from_db()
    assert letter.title == "新标题" and letter.revision == 2
    assert set(letter.applications.all()) == {cast.app_a, app_c}

    cancel = reverse("reviews:letter_cancel", args=[letter.pk])
    response = client.post(cancel, {"reason": ""})
    assert response.status_code == 400 and "作废理由" in response.content.decode()
    assert client.post(cancel, {"reason": "重新拟稿"}).status_code == 302
    letter.refresh_from_db()
    assert letter.status == "cancelled"
    assert client.get(url).status_code == 403
    assert draft(cast.changchun, [cast.app_a]).document_number == f"长工信推〔{YEAR}〕2号"  # never reused


def test_through_the_parent_bureau_then_to_the_department(client, cast):
    """南关区 reports through 长春市: its letter hands A to 长春, whose own letter reports it (Art. 8)."""
    county = factories.bureau_user("nanguan", "220102")
    pass_review(cast.app_a, county)
    forwarded = send(draft(county, [cast.app_a]), county)
    assert forwarded.document_number == f"南关工信推〔{YEAR}〕1号"
    assert forwarded.recipient == cast.changchun.jurisdiction and not forwarded.to_department
    cast.app_a.refresh_from_db()
    assert cast.app_a.status == "bureau_passed" and cast.app_a.holder == cast.changchun.jurisdiction
    assert cast.app_a.events.get(action="forward").data["letter_id"] == forwarded.pk

    client.force_login(county)
    assert (
        client.get(reverse("reviews:letter_new"), {"call": cast.call.pk}).context["form"].initial["applications"] == []
    )  # no longer the county's to report
    client.force_login(cast.changchun)
    received = client.get(reverse("reviews:letters"), {"direction": "received"})
    assert [letter.pk for letter in received.context["table"].data] == [forwarded.pk]
    assert client.get(reverse("reviews:letter_document", args=[forwarded.pk, "pdf"])).status_code == 200

    reported = send(draft(cast.changchun, [cast.app_a]), cast.changchun)
    assert reported.to_department
    cast.app_a.refresh_from_db()
    assert cast.app_a.status == "recommended" and cast.app_a.holder is None
    assert list(cast.app_a.events.values_list("action", flat=True)) == ["submit", "bureau_pass", "forward", "recommend"]


def test_letters_are_read_only_by_sender_recipient_and_department(client, cast):
    letter = recommended(cast.app_a, cast.changchun)
    pass_review(cast.app_b, cast.jilin)
    jilin_draft = draft(cast.jilin, [cast.app_b])
    urls = [
        reverse("reviews:letter_detail", args=[letter.pk]),
        reverse("reviews:letter_document", args=[letter.pk, "docx"]),
        reverse("reviews:letter_document", args=[letter.pk, "pdf"]),
    ]
    for outsider in (cast.jilin, cast.ent_a, cast.ent_b, cast.expert):
        client.force_login(outsider)
        assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    client.force_login(cast.jilin)
    assert client.get(reverse("applications:detail", args=[cast.app_a.pk])).status_code == 404
    client.force_login(cast.ent_a)
    assert client.get(reverse("reviews:letters")).status_code == 403
    client.force_login(cast.dept)
    listed = client.get(reverse("reviews:letters"))
    assert [row.pk for row in listed.context["table"].data] == [letter.pk]  # sent ones, not 吉林市's draft
    assert client.get(reverse("reviews:letter_detail", args=[jilin_draft.pk])).status_code == 404


@pytest.mark.parametrize("name", ["reviews:letter_send", "reviews:letter_cancel"])
def test_sending_and_voiding_take_posts_only(client, cast, name):
    letter = draft(cast.changchun, [pass_review(cast.app_a, cast.changchun)])
    client.force_login(cast.changchun)
    assert client.get(reverse(name, args=[letter.pk])).status_code == 405
    assert not ApplicationEvent.objects.filter(action="recommend").exists()


def test_documents_are_read_not_posted(client, cast):
    letter = recommended(cast.app_a, cast.changchun)
    client.force_login(cast.changchun)
    assert client.post(reverse("reviews:letter_document", args=[letter.pk, "pdf"])).status_code == 405
    assert client.get(reverse("reviews:letter_document", args=[letter.pk, "odt"])).status_code == 404


def test_the_letter_list_costs_the_same_queries_for_one_letter_or_many(client, cast, django_assert_max_num_queries):
    def passed(i: int):
        company = factories.enterprise(f"长春企业{i}有限公司", "220102")
        application = factories.submitted_application(
            cast.call, factories.enterprise_user(f"u{i}", company), reviewer=cast.changchun
        )
        return pass_review(application, cast.changchun)

    recommended(cast.app_a, cast.changchun)
    draft(cast.changchun, [passed(0)])
    client.force_login(cast.changchun)
    with django_assert_max_num_queries(8) as few:
        assert client.get(reverse("reviews:letters")).status_code == 200
    for i in range(1, 5):
        draft(cast.changchun, [passed(i)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("reviews:letters"))
    assert len(response.context["table"].rows) == 6
    export = client.get(reverse("reviews:letters"), {"_export": "xlsx"})
    assert export.status_code == 200 and export["Content-Disposition"].endswith('letters.xlsx"')


def test_a_letter_drafted_one_year_and_sent_the_next_takes_the_new_years_number(cast):
    passed = pass_review(cast.app_a, cast.changchun)
    letter = draft(cast.changchun, [passed])
    year = timezone.localdate().year
    assert letter.document_number == f"长工信推〔{year}〕1号"
    cast.clock.move_to(dt.datetime(year + 1, 1, 4, 9, tzinfo=SHANGHAI), tick=False)
    send(letter, cast.changchun)
    assert letter.document_number == f"长工信推〔{year + 1}〕1号"
    entry = AuditEntry.objects.get(verb="send_letter")
    assert entry.changes["document_number"] == [f"长工信推〔{year}〕1号", f"长工信推〔{year + 1}〕1号"]
    passed.refresh_from_db()
    assert f"长工信推〔{year + 1}〕1号" in passed.events.get(action="recommend").reason
