"""The scoring's documents: each expert's signed scoring sheet (PDF) and the panel's summary table
(评审汇总表, Excel and PDF), ranked, with the rule of aggregation stated.

They are always set in Chinese (documents of the Department's file) and
embed the CJK font shipped with the package.
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from smartmfg.lib.documents import FONT_FILE, render_pdf
from smartmfg.rules.experts.aggregate import RULE_LABELS, TRIM_MINIMUM
from smartmfg.scoring.models import ReviewRound, Score
from smartmfg.scoring.panels import PanelRow, panel_rows

SUMMARY_TITLE = "专家评审汇总表"
SUMMARY_HEADS = (
    "排名",
    "申报编号",
    "企业名称",
    "申报类别",
    "项目名称",
    "已评/应评",
    "各专家总分",
    "汇总得分",
    "最高分",
    "最低分",
    "极差",
    "标准差",
    "偏离提示",
    "一票否决",
    "推荐人数",
    "专家组结论",
)


def score_pdf(score: Score) -> bytes:
    sheet = score.sheet.sheet
    rows = [
        {"criterion": c, "points": score.points.get(c.key, ""), "comment": score.comments.get(c.key, "")}
        for c in sheet.criteria
    ]
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "scoring/score_document.html",
            {
                "score": score,
                "sheet": sheet,
                "rows": rows,
                "vetoes": [v for v in sheet.vetoes if v.key in score.vetoes],
                "submitted": timezone.localtime(score.submitted_at) if score.submitted_at else None,
                "font_url": FONT_FILE.as_uri(),
            },
        )
    return render_pdf(html)


def summary_rows(review: ReviewRound) -> list[list[Any]]:
    return [_summary_row(row) for row in panel_rows(review)]


def _summary_row(row: PanelRow) -> list[Any]:
    result = row.result
    totals = "；".join(f"{s.seat.expert.code} {s.total}" for s in row.submitted)
    conclusion = row.conclusion
    verdict = ""
    if conclusion is not None:
        verdict = ("推荐" if conclusion.recommended else "不推荐") + (
            "（已确认）" if conclusion.confirmed_at else "（待确认）"
        )
    return [
        row.rank if row.rank is not None else "",
        row.application.reference,
        row.application.enterprise.name,
        row.application.get_tier_display(),
        row.application.project_name,
        f"{len(row.submitted)}/{row.seats}",
        totals,
        str(result.value) if result else "",
        str(result.highest) if result else "",
        str(result.lowest) if result else "",
        str(result.spread) if result else "",
        str(result.stdev) if result else "",
        "、".join(sorted(row.outliers)),
        "是" if row.vetoes else "",
        row.recommending,
        verdict,
    ]


def rule_statement(review: ReviewRound) -> str:
    """The rule of the round in words, as the documents state it."""
    label = RULE_LABELS[review.rule]["zh"]
    trim = f"（{TRIM_MINIMUM}位及以上专家评分时适用，不足时取算术平均）" if review.rule == "trimmed_mean" else ""
    return f"汇总规则：{label}{trim}；与中位数相差超过{review.outlier_threshold}分的总分标注偏离提示"


def summary_xlsx(review: ReviewRound) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SUMMARY_TITLE
    sheet.append([f"{review.draw.call.title} {SUMMARY_TITLE}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([rule_statement(review)])
    sheet.append(list(SUMMARY_HEADS))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for values in summary_rows(review):
        sheet.append(values)
    for column, width in zip("ABCDEFGHIJKLMNOP", (6, 18, 30, 12, 30, 9, 40, 10, 8, 8, 8, 8, 14, 9, 9, 14), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A4"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def summary_pdf(review: ReviewRound) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "scoring/summary_document.html",
            {
                "review": review,
                "title": SUMMARY_TITLE,
                "heads": SUMMARY_HEADS,
                "rows": summary_rows(review),
                "rule": rule_statement(review),
                "printed": timezone.localtime(),
                "font_url": FONT_FILE.as_uri(),
            },
        )
    return render_pdf(html)
