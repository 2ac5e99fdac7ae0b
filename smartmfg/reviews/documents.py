"""The recommendation letter as documents: Word (python-docx) and PDF (WeasyPrint).

Both carry the same content, laid out after GB/T 9704-2012 (党政机关公文格式)
as far as a generated letter can be: the issuing bureau in red over a red
rule, the document number, the title, the recipient, the body, the signature
and date, and the list of recommended applications as an attachment (附件).
They are always set in Chinese: a letter is an official document, whatever
language the officer's pages are in.

The PDF embeds a font shipped with the package (``lib/documents.FONT_FILE``), so it renders
the same on a server without any Chinese font installed.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from smartmfg.lib.documents import FONT_FILE, render_pdf
from smartmfg.reviews.letters import LetterContent

# GB/T 9704-2012: body in 3号仿宋 (16 pt), title in 2号小标宋 (22 pt).
BODY_FONT = "仿宋"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
RED = RGBColor(0xC0, 0x00, 0x00)
TABLE_HEADERS = (
    "序号",
    "申报编号",
    "企业名称",
    "统一社会信用代码",
    "申报类别",
    "项目名称",
    "计入的软硬件完成投资（元）",
)
ATTACHMENT_TITLE = "推荐申报项目汇总表"


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


# ------------------------------------------------------------------- Word


def build_docx(content: LetterContent) -> bytes:
    document = Document()
    _page(document.sections[0], landscape=False)
    _base_style(document)
    _letter_head(document, content)
    _letter_text(document, content)
    attachment = document.add_section()
    _page(attachment, landscape=True)
    _attachment(document, content)
    document.core_properties.title = content.title
    document.core_properties.author = content.sender
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(section: Any, *, landscape: bool) -> None:
    short, long = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)


def _base_style(document: Any) -> None:
    style = document.styles["Normal"]
    _set_font(style.font, style.element, BODY_FONT, 16)
    style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    style.paragraph_format.line_spacing = Pt(28)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(0)


def _set_font(font: Any, element: Any, name: str, size: float) -> None:
    """Set both the Latin and the East Asian font: Word picks the latter for hanzi."""
    font.name = name
    font.size = Pt(size)
    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _add(
    container: Any,
    text: str,
    *,
    font: str = BODY_FONT,
    size: float = 16,
    align: Any = None,
    indent: bool = False,
    color: RGBColor | None = None,
    bold: bool = False,
) -> Paragraph:
    paragraph: Paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    run = paragraph.add_run(text)
    _set_font(run.font, run._element, font, size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    return paragraph


def _red_rule(paragraph: Paragraph) -> None:
    """The red line under the issuing bureau's name (版头中的分隔线)."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "18"), ("space", "6"), ("color", "C00000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _letter_head(document: Any, content: LetterContent) -> None:
    head = _add(document, content.sender, font=TITLE_FONT, size=26, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED)
    head.paragraph_format.line_spacing = Pt(40)
    _red_rule(head)
    _add(document, content.document_number, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _add(document, "")
    title = _add(document, content.title, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.line_spacing = Pt(36)
    _add(document, "")


def _letter_text(document: Any, content: LetterContent) -> None:
    _add(document, f"{content.recipient}：")
    for text in content.paragraphs:
        _add(document, text, indent=True)
    # The attachment note, the signature and the date stay on one page (GB/T 9704-2012, 7.3.5).
    closing = [
        _add(document, ""),
        _add(document, f"附件：{ATTACHMENT_TITLE}", indent=True),
        _add(document, ""),
        _add(document, ""),
    ]
    for paragraph in closing:
        paragraph.paragraph_format.keep_with_next = True
    signature = _add(document, content.sender, align=WD_ALIGN_PARAGRAPH.RIGHT)
    signature.paragraph_format.keep_with_next = True
    signature.paragraph_format.right_indent = Pt(32)
    date = _add(document, content.date, align=WD_ALIGN_PARAGRAPH.RIGHT)
    date.paragraph_format.right_indent = Pt(32)


def _attachment(document: Any, content: LetterContent) -> None:
    _add(document, "附件", font=HEADING_FONT)
    _add(document, ATTACHMENT_TITLE, font=TITLE_FONT, size=18, align=WD_ALIGN_PARAGRAPH.CENTER)
    table = document.add_table(rows=1, cols=len(TABLE_HEADERS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, TABLE_HEADERS, strict=True):
        _cell(cell, header, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for row in content.rows:
        values = (
            str(row.position),
            row.reference,
            row.enterprise,
            row.uscc,
            row.tier,
            row.project,
            money(row.eligible_investment),
        )
        cells = table.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
            _cell(cell, value, align=WD_ALIGN_PARAGRAPH.RIGHT if i == len(values) - 1 else None)
    total = table.add_row().cells
    label = total[0].merge(total[-2])
    _cell(label, f"合计（{len(content.rows)}项）", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell(total[-1], money(content.total_investment), bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)


def _cell(cell: _Cell, text: str, *, bold: bool = False, align: Any = None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(text)
    _set_font(run.font, run._element, BODY_FONT, 12)
    run.font.bold = bold


# -------------------------------------------------------------------- PDF


def render_html(content: LetterContent) -> str:
    """The letter as a standalone HTML page, styled for print, for WeasyPrint."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "reviews/letter_document.html",
            {"letter": content, "font_url": FONT_FILE.as_uri(), "attachment_title": ATTACHMENT_TITLE},
        )


def build_pdf(content: LetterContent) -> bytes:
    return render_pdf(render_html(content))
