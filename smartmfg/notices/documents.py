"""The published list as a Word document and a PDF (发文公布, 第十条).

Built from the list as issued (``Publication.entries``), always in the
platform's first language: it is the Department's official document, whatever
language the reader's pages are in.
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.run import Run

from smartmfg.applications.states import Status
from smartmfg.jurisdictions.seed import DEPARTMENT_NAME
from smartmfg.lib.choices import label_of
from smartmfg.lib.documents import FONT_FILE, render_pdf
from smartmfg.notices.models import Publication
from smartmfg.rules.facts import TIER_LABELS

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
TABLE_FONT = "宋体"
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _font(run: Run, name: str, size: float, *, bold: bool = False) -> None:
    """Chinese text needs the East Asian font set as well as the Latin one."""
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def publication_docx(publication: Publication) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return _build(publication)


def _build(publication: Publication) -> bytes:
    document = Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(publication.title), TITLE_FONT, 22)
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(number.add_run(publication.document_number), BODY_FONT, 16)
    for text in filter(None, (line.strip() for line in publication.body.splitlines())):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)
        _font(paragraph.add_run(text), BODY_FONT, 16)
    _table(document, publication)
    for text in (DEPARTMENT_NAME, _date(publication)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(paragraph.add_run(text), BODY_FONT, 16)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _date(publication: Publication) -> str:
    day = publication.published_on
    return _("%(y)d年%(m)d月%(d)d日") % {"y": day.year, "m": day.month, "d": day.day}


def _heads() -> list[str]:
    return [_("序号"), _("企业名称"), _("类别"), _("项目名称"), _("所在地区"), _("认定/培育")]


def _rows(publication: Publication) -> list[list[str]]:
    """The list as issued, one row per line, in the document's order."""
    return [
        [
            str(n),
            line["enterprise"],
            label_of(TIER_LABELS, line["tier"]),
            line["project"],
            line["region"],
            outcome_label(line["outcome"]),
        ]
        for n, line in enumerate(publication.entries, 1)
    ]


def _table(document: Any, publication: Publication) -> None:
    heads = _heads()
    table = document.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _font(cell.paragraphs[0].add_run(text), TABLE_FONT, 12, bold=True)
    for values in _rows(publication):
        for cell, text in zip(table.add_row().cells, values, strict=True):
            _font(cell.paragraphs[0].add_run(text), TABLE_FONT, 12)


def outcome_label(outcome: str) -> str:
    """认定 or 培育, as the list says it."""
    return str(_("认定") if outcome == Status.RECOGNISED else _("培育"))


# -------------------------------------------------------------------- PDF


def publication_pdf(publication: Publication) -> bytes:
    """The same document as PDF, set in the font the letters ship (so it renders without system fonts)."""
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "notices/publication_document.html",
            {
                "publication": publication,
                "paragraphs": [line.strip() for line in publication.body.splitlines() if line.strip()],
                "heads": _heads(),
                "rows": _rows(publication),
                "issuer": DEPARTMENT_NAME,
                "date": _date(publication),
                "font_url": FONT_FILE.as_uri(),
            },
        )
    return render_pdf(html)
