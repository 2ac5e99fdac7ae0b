"""The published lists as open data (第十条): CSV, XLSX and JSON, from the same rows.

The rows are ``certificates.published.published_rows``: the list as issued,
with each line's recognition number and status now. The header of every
format is the columns' stable names (``COLUMN_NAMES``): labels may be
reworded or translated, names never change once used (the data dictionary
page gives each name's label, type, meaning and an example).

- CSV: UTF-8 with a byte-order mark (so Excel opens Chinese text), comma
  separated, CRLF line ends (RFC 4180), dates ``YYYY-MM-DD``, empty cells for
  no value.
- XLSX: a sheet ``名单`` with real dates and integers, and a sheet ``数据字典``.
- JSON: the publication, the time the statuses were read, the columns and the
  rows, with ``null`` for no value.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any, Final

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from smartmfg.certificates.published import COLUMN_NAMES, COLUMNS, TYPE_LABELS
from smartmfg.notices.models import Publication

CSV_TYPE: Final = "text/csv; charset=utf-8"
XLSX_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSON_TYPE: Final = "application/json; charset=utf-8"
LIST_SHEET: Final = "名单"
DICTIONARY_SHEET: Final = "数据字典"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def as_csv(rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    for row in rows:
        writer.writerow([_text(row[name]) for name in COLUMN_NAMES])
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(publication: Publication, rows: list[dict[str, Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = LIST_SHEET
    sheet.append(list(COLUMN_NAMES))
    for row in rows:
        sheet.append([row[name] for name in COLUMN_NAMES])
    dates = [i for i, c in enumerate(COLUMNS, 1) if c.type == "date"]
    for line in sheet.iter_rows(min_row=2):
        for index in dates:
            line[index - 1].number_format = "yyyy-mm-dd"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    book.properties.title = f"{publication.document_number} {publication.title}"[:255]
    _dictionary_sheet(book.create_sheet(DICTIONARY_SHEET))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _dictionary_sheet(sheet: Any) -> None:
    sheet.append(["name", "label", "type", "meaning", "example"])
    for column in COLUMNS:
        sheet.append(
            [column.name, str(column.label), str(TYPE_LABELS[column.type]), str(column.meaning), column.example]
        )
    for cell in sheet[1]:
        cell.font = Font(bold=True)


def as_json(publication: Publication, rows: list[dict[str, Any]], *, dictionary_url: str) -> bytes:
    document = {
        "publication": publication_facts(publication),
        "status_as_of": timezone.localtime().isoformat(timespec="seconds"),
        "dictionary": dictionary_url,
        "columns": list(COLUMN_NAMES),
        "entries": [{name: _json(row[name]) for name in COLUMN_NAMES} for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def publication_facts(publication: Publication) -> dict[str, Any]:
    """The publication as the public reads it (``call`` loaded)."""
    return {
        "id": publication.pk,
        "document_number": publication.document_number,
        "title": publication.title,
        "published_on": publication.published_on.isoformat(),
        "year": publication.call.year,
    }
