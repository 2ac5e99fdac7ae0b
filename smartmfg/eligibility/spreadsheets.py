"""Investment items as an Excel sheet: the template the enterprise fills in, and reading it back.

The template has Chinese headers, dropdowns (data validation) for the
category and the completion status, an example row marked 示例 (skipped
when read) and, when the application already has items, those items, so a
sheet downloaded, changed and uploaded again round-trips.

Reading is all or nothing: every bad cell is reported as
"第3行“金额”：最多两位小数" (the row number as Excel shows it) and no item is
kept unless every row is good. Amounts never pass through binary floating
point: a numeric cell is read through its shortest decimal representation,
the one Excel displays.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from smartmfg.lib.sheets import EXAMPLE_MARK, SheetErrors, cell, data_rows, header_positions, limited, read_rows
from smartmfg.rules import facts

SHEET_TITLE = "投资明细"
FIRST_DATA_ROW = 3  # row 1: headers; row 2: the example
MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
MAX_AMOUNT = Decimal("999999999999.99")  # MoneyField: 14 digits, 2 decimals
ERROR_LIMIT = 50
FORMATTED_ROWS = 200  # blank rows given the date and amount formats below the data
# Excel's day numbers (1900 date system) between 1954 and 2119, and their day zero.
SERIAL_DAYS = (20000, 80000)
EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as written in the sheet
    name: str  # as named in error messages
    width: int
    required: bool = True


COLUMNS: tuple[Column, ...] = (
    Column("position", "序号", "序号", 8, required=False),
    Column("occurred_on", "日期", "日期", 14),
    Column("category", "投资类别", "投资类别", 22),
    Column("amount", "金额（元）", "金额", 18),
    Column("status", "完成情况", "完成情况", 22),
    Column("invoice_no", "发票号码", "发票号码", 20, required=False),
    Column("description", "内容", "内容", 40, required=False),
)

# Headers and dropdown labels are the sheet's data format, read back on upload: they stay
# Chinese (the platform's first language) whatever the language of the page.
CATEGORY_LABELS = {code: labels["zh"] for code, labels in facts.INVESTMENT_CATEGORY_LABELS.items()}
STATUS_LABELS = {code: labels["zh"] for code, labels in facts.INVESTMENT_STATUS_LABELS.items()}
# Shorter words people type instead of picking from the list.
STATUS_ALIASES = {"已完成": "completed", "完成": "completed", "计划": "planned", "计划投资": "planned"}


# ---------------------------------------------------------------- template


def investment_template(items: Iterable[Mapping[str, Any]] = (), *, window_years: int = 3) -> bytes:
    """The .xlsx template, with ``items`` (dicts of InvestmentItem fields) filled in.

    ``window_years`` is the call's investment window, told in the instructions.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append([c.header for c in COLUMNS])
    sheet.append(
        [
            EXAMPLE_MARK,
            dt.date(2025, 3, 18),
            CATEGORY_LABELS["equipment"],
            Decimal("1250000.00"),
            STATUS_LABELS["completed"],
            "04400000000012345678",
            "示例行，导入时不读取；请从下一行起填写",
        ]
    )
    for n, item in enumerate(items, 1):
        sheet.append(
            [
                n,
                item["occurred_on"],
                CATEGORY_LABELS.get(item["category"], item["category"]),
                Decimal(item["amount"]),
                STATUS_LABELS.get(item["status"], item["status"]),
                item.get("invoice_no", ""),
                item.get("description", ""),
            ]
        )
    _style(sheet)
    _validations(sheet)
    _instructions(workbook.create_sheet("填写说明"), window_years)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _style(sheet: Any) -> None:
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E8F0FA")
    example = Font(italic=True, color="5B6470")
    for index, column in enumerate(COLUMNS, 1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = column.width
        header = sheet.cell(row=1, column=index)
        header.font, header.fill = bold, fill
        sheet.cell(row=2, column=index).font = example
    sheet.freeze_panes = "A3"
    for row in range(2, sheet.max_row + FORMATTED_ROWS + 1):
        sheet.cell(row=row, column=2).number_format = "yyyy-mm-dd"
        sheet.cell(row=row, column=4).number_format = "#,##0.00"


def _validations(sheet: Any) -> None:
    last = FIRST_DATA_ROW + MAX_ROWS
    lists = (("C", CATEGORY_LABELS.values(), "投资类别"), ("E", STATUS_LABELS.values(), "完成情况"))
    for letter, labels, name in lists:
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(labels) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=name,
            error=_("请从下拉列表中选择%(name)s") % {"name": name},
        )
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)
    amount = DataValidation(
        type="decimal",
        operator="greaterThan",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="金额",
        error=_("金额应为大于0的数字，单位为元，最多两位小数"),
    )
    amount.add(f"D2:D{last}")
    sheet.add_data_validation(amount)


def _instructions(sheet: Any, window_years: int) -> None:
    lines = [
        _("投资明细填写说明"),
        _("1. 每行填写一笔投资，从第3行起填写；第2行为示例，导入时不读取。"),
        _("2. 日期：发票或合同日期，格式如 2025-03-18。"),
        _(
            "3. 投资类别：从下拉列表选择。设备购置、软件购置、其他技术咨询与服务费计入项目软硬件投资；"
            "土建、厂房不计入。"
        ),
        _("4. 金额：单位为元，最多两位小数，不要填写“万元”。"),
        _(
            "5. 完成情况：已完成（已支付并开票）或计划。已建成投产的项目只计已完成投资；"
            "正在实施改造的项目还计预计建成投产日期前的计划投资。"
        ),
        _("6. 只计申报日期前%(years)d年内（含当日）的投资。") % {"years": window_years},
        _("7. 上传后将替换平台上现有的全部投资明细；任何一行有误时整张表不导入，请按提示修改后重新上传。"),
        _("8. 表头、下拉选项和“示例”标记请勿修改。"),
    ]
    for line in lines:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True)
    sheet.column_dimensions["A"].width = 110


# ---------------------------------------------------------------- reading


def parse_investments(source: IO[bytes]) -> list[dict[str, Any]]:
    """The items of an uploaded sheet, or ``SheetErrors`` naming every bad cell."""
    rows = _rows(source)
    header, body = rows[0] if rows else (), rows[1:]
    positions = _header_positions(header)
    items: list[dict[str, Any]] = []
    errors: list[str] = []
    for offset, values in data_rows(body, positions.get("position")):
        item, problems = _item(offset, values, positions)
        errors.extend(problems)
        if item is not None:
            items.append(item)
    if len(items) > MAX_ROWS:
        errors.append(_("最多导入 %(max)d 行投资明细") % {"max": MAX_ROWS})
    if errors:
        raise SheetErrors(limited(errors, ERROR_LIMIT))
    if not items:
        raise SheetErrors([_("表中没有投资明细（第2行示例不计）")])
    return items


def _rows(source: IO[bytes]) -> list[tuple[Any, ...]]:
    return read_rows(source, sheet_title=SHEET_TITLE, max_bytes=MAX_BYTES, max_rows=MAX_ROWS + FIRST_DATA_ROW + 1000)


def _header_positions(header: Sequence[Any]) -> dict[str, int]:
    names = [(c.key, (c.header, c.name), c.required) for c in COLUMNS]
    return header_positions(header, names, _normal)


def _item(row: int, values: Sequence[Any], positions: Mapping[str, int]) -> tuple[dict[str, Any] | None, list[str]]:
    item: dict[str, Any] = {}
    errors: list[str] = []
    for column in COLUMNS:
        if column.key == "position":
            continue
        raw = cell(values, positions.get(column.key))
        try:
            item[column.key] = READERS[column.key](raw)
        except ValueError as problem:
            errors.append(
                _("第%(row)d行“%(column)s”：%(problem)s") % {"row": row, "column": column.name, "problem": problem}
            )
    return (None if errors else item), errors


def _normal(value: Any) -> str:
    return re.sub(r"[\s()（）元]", "", str(value))


# One reader per column: the value, or ValueError with the problem in Chinese.


def _date(raw: Any) -> dt.date:
    if raw is None or raw == "":
        raise ValueError(_("必填"))
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool) and SERIAL_DAYS[0] <= raw <= SERIAL_DAYS[1]:
        # A date typed into a cell without a date format arrives as Excel's day number.
        return EXCEL_EPOCH + dt.timedelta(days=int(raw))
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", str(raw))
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise ValueError(_("不是有效的日期，应写作 2025-03-18"))


def _amount(raw: Any) -> Decimal:
    if raw is None or raw == "":
        raise ValueError(_("必填"))
    if isinstance(raw, bool):
        raise ValueError(_("应为数字"))
    # A float is read through its shortest form that reads back as itself: what Excel shows.
    text = repr(raw) if isinstance(raw, float) else re.sub(r"[,，\s¥￥]", "", str(raw))
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("应为数字，单位为元")) from None
    if not amount.is_finite():
        raise ValueError(_("应为数字，单位为元"))
    if amount <= 0:
        raise ValueError(_("应大于0"))
    exponent = amount.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError(_("最多两位小数"))
    if amount > MAX_AMOUNT:
        raise ValueError(_("金额过大"))
    return amount.quantize(Decimal("0.01"))


def _choice(labels: Mapping[str, str], aliases: Mapping[str, str]) -> Any:
    lookup = {_normal(label): code for code, label in labels.items()}
    lookup.update({_normal(code): code for code in labels})
    lookup.update({_normal(alias): code for alias, code in aliases.items()})

    def read(raw: Any) -> str:
        if raw is None or raw == "":
            raise ValueError(_("必填"))
        code = lookup.get(_normal(raw))
        if code is None:
            raise ValueError(_("应为以下之一：%(options)s") % {"options": "、".join(labels.values())})
        return code

    return read


def _text(limit: int) -> Any:
    def read(raw: Any) -> str:
        if raw is None:
            return ""
        text = (f"{raw:.0f}" if raw == int(raw) else repr(raw)) if isinstance(raw, float) else str(raw).strip()
        if len(text) > limit:
            raise ValueError(_("最多%(limit)d个字") % {"limit": limit})
        return text

    return read


READERS: dict[str, Any] = {
    "occurred_on": _date,
    "category": _choice(CATEGORY_LABELS, {}),
    "amount": _amount,
    "status": _choice(STATUS_LABELS, STATUS_ALIASES),
    "invoice_no": _text(64),
    "description": _text(255),
}
