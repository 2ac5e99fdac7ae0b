"""Art. 10: publication of the final list; recognised or cultivation by track (Art. 5-7 §1)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from smartmfg.enterprises.models import Enterprise
from smartmfg.notices.actions import do_publish
from smartmfg.notices.models import Publication
from smartmfg.workflow.batch import BatchConflict
from smartmfg.workflow.transition import transition
from tests.journeys import advance, cultivation_application, document_number, publish, today


@pytest.fixture
def passed(cast):
    """Two applications through the notice: one in production, one under construction."""
    return advance(cast, cast.app_a, "notice_passed"), advance(cast, cultivation_application(cast), "notice_passed")


def test_publication_recognises_or_starts_cultivation_by_track(cast, passed):
    in_production, under_construction = passed

    publication = publish(cast, cast.call, in_production, under_construction)

    in_production.refresh_from_db()
    under_construction.refresh_from_db()
    assert (in_production.status, under_construction.status) == ("recognised", "cultivating")
    assert set(publication.applications.all()) == {in_production, under_construction}
    lines = {line["reference"]: line for line in publication.entries}
    assert lines[in_production.reference]["outcome"] == "recognised"
    assert lines[under_construction.reference]["outcome"] == "cultivating"
    assert lines[in_production.reference]["region"] == "长春市南关区"
    assert in_production.events.get(action="publish").data == {"publication": publication.pk}


def test_a_publication_with_a_moved_application_does_nothing(cast, passed):
    a, c = passed
    transition(c, "publish", cast.dept, to="cultivating")  # published elsewhere since the page was shown

    with pytest.raises(BatchConflict) as conflict:
        publish(cast, cast.call, a, c)

    assert c.reference in str(conflict.value)
    a.refresh_from_db()
    assert a.status == "notice_passed"
    assert not Publication.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("document_number", ""), ("title", " ")])
def test_a_publication_needs_its_number_and_title(cast, passed, field, value):
    a, _ = passed
    fields = {"document_number": document_number(1, "吉工信"), "title": "通知", "published_on": today(), field: value}
    with pytest.raises(ValidationError) as refused:
        do_publish(cast.call, [a.pk], actor=cast.dept, **fields)
    assert field in refused.value.message_dict


def test_a_document_number_is_used_once(cast, passed):
    a, c = passed
    publish(cast, cast.call, a, number=document_number(9))
    with pytest.raises(ValidationError) as refused:
        publish(cast, cast.call, c, number=document_number(9))
    assert "document_number" in refused.value.message_dict
    c.refresh_from_db()
    assert c.status == "notice_passed"


def test_the_published_list_as_word_and_pdf_keeps_the_names_as_issued(client, cast, passed):
    a, c = passed
    publication = publish(cast, cast.call, a, c)
    Enterprise.objects.filter(pk=cast.enterprise_a.pk).update(name="改名后的企业")

    response = client.get(reverse("notices:publication_docx", args=[publication.pk]))

    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    cells = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert "长春甲企业有限公司" in cells and "改名后的企业" not in cells
    assert {"认定", "培育"} <= set(cells)
    assert document.paragraphs[0].text == publication.title
    pdf = client.get(reverse("notices:publication_pdf", args=[publication.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_publish_page(client, cast, passed):
    a, c = passed
    client.force_login(cast.dept)
    url = reverse("notices:publish", args=[cast.call.pk])
    page = client.get(url)
    assert page.status_code == 200 and a.reference in page.content.decode()

    missing = client.post(url, {"applications": [a.pk], "title": "通知", "published_on": today().isoformat()})
    assert missing.status_code == 400
    assert "文号" in missing.content.decode()

    done = client.post(
        url,
        {
            "applications": [a.pk, c.pk],
            "document_number": document_number(88),
            "title": "关于公布名单的通知",
            "published_on": today().isoformat(),
        },
    )
    assert done.status_code == 302
    assert Publication.objects.get().document_number == document_number(88)


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [("吉工信规划[{y}]7号", "吉工信规划〔{y}〕7号"), ("吉工信规划〔{y}〕007号", "吉工信规划〔{y}〕7号")],
)
def test_the_document_number_is_written_as_gbt_9704_requires(cast, passed, typed, corrected):
    a, _ = passed
    year = today().year
    with pytest.raises(ValidationError) as refused:
        publish(cast, cast.call, a, number=typed.format(y=year))
    message = refused.value.message_dict["document_number"][0]
    assert f"应写作“{corrected.format(y=year)}”" in message
    a.refresh_from_db()
    assert a.status == "notice_passed"


def test_the_document_number_carries_the_year_of_publication(cast, passed):
    a, _ = passed
    with pytest.raises(ValidationError) as refused:
        publish(cast, cast.call, a, number=f"吉工信规划〔{today().year - 1}〕7号")
    assert f"应为发文年份{today().year}" in refused.value.message_dict["document_number"][0]
