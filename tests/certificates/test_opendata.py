"""The published lists as open data: CSV (with BOM), XLSX and JSON, the same rows; a revocation marks, never deletes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from django.urls import reverse
from openpyxl import load_workbook

from smartmfg.certificates.published import COLUMN_NAMES
from smartmfg.support.actions import do_grant_support
from tests.certificates.helpers import revoke, with_cultivation
from tests.journeys import document_number, today


def _json(client, publication) -> dict:
    response = client.get(reverse("opendata:publication_json", args=[publication.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content.decode("utf-8"))


def _as_text(value) -> str:
    return "" if value is None else str(value)


def _csv_rows(client, publication) -> tuple[bytes, list[dict[str, str]]]:
    response = client.get(reverse("opendata:publication_csv", args=[publication.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = response.content
    return content, list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def _xlsx_rows(client, publication) -> list[dict[str, str]]:
    response = client.get(reverse("opendata:publication_xlsx", args=[publication.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["名单", "数据字典"]
    values = list(book["名单"].iter_rows(values_only=True))
    header = list(values[0])
    rows = []
    for line in values[1:]:
        cells = {}
        for name, value in zip(header, line, strict=True):
            if isinstance(value, dt.datetime):
                value = value.date().isoformat()
            cells[name] = _as_text(value)
        rows.append(cells)
    return rows


def test_csv_starts_with_the_bom_and_reads_back_to_the_json_rows(client, cast):
    publication = with_cultivation(cast)
    content, rows = _csv_rows(client, publication)
    assert content.startswith(b"\xef\xbb\xbf")
    document = _json(client, publication)
    assert document["columns"] == list(COLUMN_NAMES)
    assert list(rows[0]) == list(COLUMN_NAMES)
    assert rows == [{k: _as_text(v) for k, v in entry.items()} for entry in document["entries"]]
    assert [r["enterprise"] for r in rows] == ["长春甲企业有限公司", "长春丙在建项目有限公司"]
    assert [(r["track"], r["status"]) for r in rows] == [("recognition", "valid"), ("cultivation", "cultivation")]
    assert rows[0]["recognition_number"] == f"吉数车-{cast.call.year}-0001"
    assert rows[0]["document_number"] == publication.document_number


def test_xlsx_has_the_same_rows_and_the_dictionary(client, cast):
    publication = with_cultivation(cast)
    document = _json(client, publication)
    assert _xlsx_rows(client, publication) == [{k: _as_text(v) for k, v in e.items()} for e in document["entries"]]


def test_a_revoked_entry_stays_in_every_format_marked_revoked_with_its_date(client, cast):
    publication = with_cultivation(cast)
    revocation = revoke(cast, cast.app_a)
    day = revocation.revoked_on.isoformat()
    document = _json(client, publication)
    _content, csv_rows = _csv_rows(client, publication)
    xlsx_rows = _xlsx_rows(client, publication)
    for rows in (document["entries"], csv_rows, xlsx_rows):
        assert len(rows) == 2
        first = rows[0]
        assert (first["enterprise"], first["status"], first["revoked_on"]) == ("长春甲企业有限公司", "revoked", day)
        assert first["status_label"] == "已撤销认定"
        assert rows[1]["status"] == "cultivation" and rows[1]["revoked_on"] in (None, "")
    page = client.get(reverse("public:results")).content.decode()
    assert "已撤销认定" in page and day in page


def test_the_files_carry_nothing_but_what_the_rules_publish(client, cast):
    publication = with_cultivation(cast)
    do_grant_support(
        cast.app_a,
        amount="1234567.00",
        document_number=document_number(70),
        granted_on=today(),
        note="奖补",
        actor=cast.dept,
    )
    text = json.dumps(_json(client, publication), ensure_ascii=False)
    _content, rows = _csv_rows(client, publication)
    for forbidden in ("1234567", cast.app_a.reference, "专家", "86.50", "score", "amount", "异议"):
        assert forbidden not in text
        assert forbidden not in json.dumps(rows, ensure_ascii=False)


def test_the_downloads_are_attachments_anyone_may_fetch(client, cast):
    publication = with_cultivation(cast)
    for name in ("opendata:publication_csv", "opendata:publication_xlsx", "opendata:publication_json"):
        response = client.get(reverse(name, args=[publication.pk]))
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Access-Control-Allow-Origin"] == "*"
        assert client.post(reverse(name, args=[publication.pk])).status_code == 405
    assert client.get(reverse("opendata:publication_csv", args=[999999])).status_code == 404


def test_the_dictionary_explains_every_column(client, cast):
    page = client.get(reverse("opendata:dictionary"))
    html = page.content.decode()
    assert page.status_code == 200
    for name in COLUMN_NAMES:
        assert f'id="column-{name}"' in html
    assert "吉数车-2026-0001" in html and "整数" in html and "日期" in html


def test_the_results_page_links_each_list_to_its_downloads_and_numbers(client, cast):
    publication = with_cultivation(cast)
    html = client.get(reverse("public:results")).content.decode()
    for name in ("opendata:publication_csv", "opendata:publication_xlsx", "opendata:publication_json"):
        assert reverse(name, args=[publication.pk]) in html
    assert reverse("opendata:dictionary") in html
    assert f"吉数车-{cast.call.year}-0001" in html
