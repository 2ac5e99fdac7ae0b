"""What every uploaded Excel sheet goes through: read within limits, cells tidied, errors bounded.

The investment items (``eligibility.spreadsheets``) and the expert pool
(``experts.spreadsheet``) are read the same way: a file too big or not an
.xlsx is refused with one message, the sheet is read as values only, and a
list of problems is cut to a readable length.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXAMPLE_MARK = "示例"


class SheetErrors(Exception):
    """The sheet was refused; ``messages`` say where and why (nothing was kept)."""

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = list(messages)


def read_rows(source: IO[bytes], *, sheet_title: str, max_bytes: int, max_rows: int) -> list[tuple[Any, ...]]:
    """The rows of the sheet ``sheet_title`` (or the first), at most ``max_rows``, as plain values."""
    data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SheetErrors([_("文件超过 %(max)d MB") % {"max": max_bytes // (1024 * 1024)}])
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise SheetErrors([_("不是有效的Excel（.xlsx）文件，请使用下载的模板填写")]) from None
    try:
        sheet = workbook[sheet_title] if sheet_title in workbook.sheetnames else workbook.worksheets[0]
        rows: list[tuple[Any, ...]] = []
        for values in sheet.iter_rows(values_only=True):
            rows.append(tuple(values))
            if len(rows) > max_rows:
                break  # a sheet formatted far down: the rest is blank or over the limit anyway
        return rows
    finally:
        workbook.close()


def header_positions(
    header: Sequence[Any], columns: Sequence[tuple[str, Sequence[str], bool]], normal: Callable[[Any], str]
) -> dict[str, int]:
    """Where each column is in the header row: ``columns`` are (key, the names it may carry, the first one
    shown; required). A required column missing refuses the sheet, naming every one."""
    found = {normal(value): index for index, value in enumerate(header) if value is not None}
    positions: dict[str, int] = {}
    missing: list[str] = []
    for key, names, required in columns:
        index = next((found[normal(n)] for n in names if normal(n) in found), None)
        if index is not None:
            positions[key] = index
        elif required:
            missing.append(f"“{names[0]}”")
    if missing:
        raise SheetErrors([_("第1行缺少列：%(columns)s。请使用下载的模板填写") % {"columns": "、".join(missing)}])
    return positions


def data_rows(body: Iterable[Sequence[Any]], mark_column: int | None) -> Iterator[tuple[int, Sequence[Any]]]:
    """The rows below the header with their sheet row numbers, without blank rows and the example row."""
    for number, values in enumerate(body, 2):
        if not is_blank(values) and cell(values, mark_column) != EXAMPLE_MARK:
            yield number, values


def cell(values: Sequence[Any], index: int | None) -> Any:
    """The value at ``index`` of a row (None past its end or for a missing column), text stripped."""
    if index is None or index >= len(values):
        return None
    value = values[index]
    return value.strip() if isinstance(value, str) else value


def is_blank(values: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def limited(errors: list[str], limit: int) -> list[str]:
    """At most ``limit`` errors, and a last line saying how many more there are."""
    if len(errors) <= limit:
        return errors
    more = _("……另有 %(n)d 处错误") % {"n": len(errors) - limit}
    return [*errors[:limit], more]
