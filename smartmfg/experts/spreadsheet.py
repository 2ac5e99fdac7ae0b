"""The expert pool as an Excel sheet: the template the Department fills in, and reading it back.

The template's first sheet has Chinese headers, dropdowns for the title and
the group, an example row marked 示例 in its first column (skipped when read)
and text-formatted columns for the numbers that are codes (an ID number
typed as a number loses its last digits). A second sheet lists the codes:
the groups, the titles, the manufacturing types and GB/T 4754-2017.

Reading is all or nothing: every bad cell is reported as
"第3行“居民身份证号码”：……" (the row number as Excel shows it, the column's
header) and nothing is imported unless every row is good.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from smartmfg.enterprises.industries import DIVISIONS, SECTIONS
from smartmfg.experts.models import Expert, ExpertGroup
from smartmfg.lib.sheets import EXAMPLE_MARK, SheetErrors, cell, data_rows, header_positions, limited, read_rows
from smartmfg.lib.validators import validate_division, validate_mobile, validate_resident_id, validate_uscc
from smartmfg.rules.experts.identity import make_resident_id, normalise_resident_id
from smartmfg.rules.identifiers import normalise_uscc

SHEET_TITLE = "专家信息"
CODES_TITLE = "代码表"
MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
ERROR_LIMIT = 100
FORMATTED_ROWS = 500  # blank rows given the text and date formats below the example
SERIAL_DAYS = (20000, 80000)  # Excel's day numbers (1900 system) between 1954 and 2119
EXCEL_EPOCH = dt.date(1899, 12, 30)
SEPARATORS = re.compile(r"[\s,，、;；/]+")

# Headers, titles and manufacturing labels are the sheet's data format, read back on upload:
# they stay Chinese (the platform's first language) whatever the language of the page.
TITLE_LABELS = {"senior": "正高级", "associate": "副高级", "intermediate": "中级"}
TITLE_ALIASES = {"正高": "senior", "副高": "associate", "中级职称": "intermediate"}
MANUFACTURING_LABELS = {"discrete": "离散型制造", "process": "流程型制造"}
MANUFACTURING_ALIASES = {"离散": "discrete", "离散型": "discrete", "流程": "process", "流程型": "process"}
INDUSTRY_CODES = frozenset(SECTIONS) | frozenset(DIVISIONS)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    required: bool = True
    text: bool = False  # formatted as text in the template


COLUMNS: tuple[Column, ...] = (
    Column("position", "序号", 8, required=False),
    Column("name", "姓名", 12),
    Column("resident_id", "居民身份证号码", 22, text=True),
    Column("employer", "工作单位", 30),
    Column("employer_uscc", "工作单位统一社会信用代码", 24, required=False, text=True),
    Column("title", "职称", 10),
    Column("group", "专业组", 12),
    Column("industries", "熟悉的行业", 18, text=True),
    Column("manufacturing", "制造类型经验", 22),
    Column("division", "所在地区代码", 14, text=True),
    Column("phone", "手机号码", 14, text=True),
    Column("email", "电子邮箱", 26),
    Column("term_start", "聘期开始", 12),
    Column("term_end", "聘期结束", 12),
)
HEADERS = {c.key: c.header for c in COLUMNS}


# ---------------------------------------------------------------- template


def pool_template(groups: Sequence[ExpertGroup]) -> bytes:
    """The .xlsx template: headers, one example row, dropdowns; the code lists on a second sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append([c.header for c in COLUMNS])
    sheet.append(_example(groups))
    _style(sheet)
    _validations(sheet, groups)
    _codes(workbook.create_sheet(CODES_TITLE), groups)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _example(groups: Sequence[ExpertGroup]) -> list[Any]:
    return [
        EXAMPLE_MARK,
        "张三",
        make_resident_id("22010219700101001"),
        "吉林大学",
        "",
        TITLE_LABELS["senior"],
        groups[0].name if groups else "",
        "C、34、35",
        MANUFACTURING_LABELS["discrete"],
        "220102",
        "13900000000",
        "zhangsan@example.com",
        dt.date(2025, 1, 1),
        dt.date(2027, 12, 31),
    ]


def _style(sheet: Any) -> None:
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E8F0FA")
    example = Font(italic=True, color="5B6470")
    for index, column in enumerate(COLUMNS, 1):
        header = sheet.cell(row=1, column=index)
        sheet.column_dimensions[header.column_letter].width = column.width
        header.font, header.fill = bold, fill
        sheet.cell(row=2, column=index).font = example
        for row in range(2, FORMATTED_ROWS + 2):
            cell = sheet.cell(row=row, column=index)
            if column.text:
                cell.number_format = "@"
            elif column.key.startswith("term_"):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A3"


def _validations(sheet: Any, groups: Sequence[ExpertGroup]) -> None:
    last = MAX_ROWS + 2
    lists = (("title", TITLE_LABELS.values()), ("group", [g.name for g in groups]))
    for key, labels in lists:
        letter = sheet.cell(row=1, column=_index(key)).column_letter
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(labels) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=HEADERS[key],
            error=_("请从下拉列表中选择%(name)s") % {"name": HEADERS[key]},
        )
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)


def _index(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS, 1) if c.key == key)


def _codes(sheet: Any, groups: Sequence[ExpertGroup]) -> None:
    bold = Font(bold=True)
    lines: list[list[Any]] = [
        [_("填写说明")],
        [_("1. 每行填写一位专家，从第3行起填写；第2行为示例，导入时不读取。表头和“示例”标记请勿修改。")],
        [_("2. 专业组填写下表的名称或代码；职称填写正高级、副高级或中级。")],
        [_("3. 熟悉的行业填写 GB/T 4754-2017 门类字母或两位大类代码，多个用顿号或逗号分隔，如“C、34”。")],
        [_("4. 制造类型经验填写离散型制造、流程型制造，或两者（用顿号分隔）。")],
        [_("5. 所在地区代码为 GB/T 2260 六位行政区划代码；身份证号码、信用代码、手机号码请以文本格式填写。")],
        [_("6. 聘期日期格式如 2025-01-01，聘期结束不能早于聘期开始。")],
        [_("7. 任何一行有误时整张表不导入，请按提示修改后重新上传；导入成功后按表中顺序编号。")],
        [],
        [_("专业组代码"), _("专业组名称")],
        *[[g.code, g.name] for g in groups],
        [],
        [_("职称")],
        *[[label] for label in TITLE_LABELS.values()],
        [],
        [_("制造类型经验")],
        *[[label] for label in MANUFACTURING_LABELS.values()],
        [],
        [_("行业代码"), _("行业名称")],
        *[[s, name] for s, name in SECTIONS.items()],
        *[[code, name] for code, (_section, name) in DIVISIONS.items()],
    ]
    for line in lines:
        sheet.append(line)
    for row in sheet.iter_rows():
        if row[0].value in {_("填写说明"), _("专业组代码"), _("职称"), _("制造类型经验"), _("行业代码")}:
            for cell in row:
                cell.font = bold
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 40


# ---------------------------------------------------------------- reading


def parse_pool(source: IO[bytes]) -> list[dict[str, Any]]:
    """The experts of an uploaded sheet (cleaned values, in sheet order), or ``SheetErrors`` naming every bad cell."""
    rows = _rows(source)
    header, body = (rows[0], rows[1:]) if rows else ((), [])
    positions = _header_positions(header)
    readers = _readers()
    experts: list[dict[str, Any]] = []
    numbers: list[int] = []
    problems: list[Problem] = []
    read = 0
    for number, values in data_rows(body, positions.get("position")):
        read += 1
        expert, found = _expert(number, values, positions, readers)
        problems.extend(found)
        if expert is not None:
            experts.append(expert)
            numbers.append(number)
    if read > MAX_ROWS:
        raise SheetErrors([_("一次最多导入 %(max)d 位专家") % {"max": MAX_ROWS}])
    problems.extend(_duplicates(experts, numbers))
    if problems:
        raise SheetErrors(limited([p.text for p in sorted(problems)], ERROR_LIMIT))
    if not experts:
        raise SheetErrors([_("表中没有专家信息（第2行示例不计）")])
    return experts


def _rows(source: IO[bytes]) -> list[tuple[Any, ...]]:
    return read_rows(source, sheet_title=SHEET_TITLE, max_bytes=MAX_BYTES, max_rows=MAX_ROWS + FORMATTED_ROWS + 2)


def _header_positions(header: Sequence[Any]) -> dict[str, int]:
    return header_positions(header, [(c.key, (c.header,), c.required) for c in COLUMNS], _normal)


Reader = Callable[[Any], Any]
COLUMN_ORDER = {c.key: i for i, c in enumerate(COLUMNS)}


@dataclass(frozen=True, order=True)
class Problem:
    """One bad cell, sorted as the sheet reads: by row, then by column."""

    row: int
    column: int
    text: str


def _expert(
    number: int, values: Sequence[Any], positions: Mapping[str, int], readers: Mapping[str, Reader]
) -> tuple[dict[str, Any] | None, list[Problem]]:
    expert: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, read in readers.items():
        try:
            expert[key] = read(cell(values, positions.get(key)))
        except ValueError as problem:
            problems.append(_at(number, key, str(problem)))
    start, end = expert.get("term_start"), expert.get("term_end")
    if start and end and end < start:
        problems.append(_at(number, "term_end", _("聘期结束不能早于聘期开始")))
    return (None if problems else expert), problems


def _at(number: int, key: str, problem: str) -> Problem:
    text = _("第%(row)d行“%(column)s”：%(problem)s") % {"row": number, "column": HEADERS[key], "problem": problem}
    return Problem(number, COLUMN_ORDER[key], text)


def _duplicates(experts: Sequence[Mapping[str, Any]], numbers: Sequence[int]) -> list[Problem]:
    """The same person twice in the sheet, or already in the pool (an ID number is one person)."""
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for number, expert in zip(numbers, experts, strict=True):
        resident_id = expert["resident_id"]
        if resident_id in first:
            problems.append(_at(number, "resident_id", _("与第%(other)d行重复") % {"other": first[resident_id]}))
        else:
            first[resident_id] = number
    known = Expert.objects.filter(resident_id__in=list(first)).values_list("resident_id", "code")
    for resident_id, code in known:
        problems.append(_at(first[resident_id], "resident_id", _("已在专家库中（%(code)s）") % {"code": code}))
    return problems


def _normal(value: Any) -> str:
    return re.sub(r"[\s()（）]", "", str(value))


# One reader per column: the cleaned value, or ValueError with the problem.


def _readers() -> dict[str, Reader]:
    groups = list(ExpertGroup.objects.all())
    return {
        "name": _text(64),
        "resident_id": _resident_id,
        "employer": _text(128),
        "employer_uscc": _uscc,
        "title": _choice(TITLE_LABELS, TITLE_ALIASES),
        "group": _group(groups),
        "industries": _industries,
        "manufacturing": _choices(MANUFACTURING_LABELS, MANUFACTURING_ALIASES),
        "division": _checked(validate_division),
        "phone": _checked(validate_mobile),
        "email": _email,
        "term_start": _date,
        "term_end": _date,
    }


def _required(raw: Any) -> Any:
    if raw is None or raw == "":
        raise ValueError(_("必填"))
    return raw


def _as_text(raw: Any) -> str:
    """A cell as typed: an integral number without its ``.0``."""
    if isinstance(raw, float) and raw.is_integer():
        return f"{raw:.0f}"
    return str(raw).strip()


def _text(limit: int) -> Reader:
    def read(raw: Any) -> str:
        text = _as_text(_required(raw))
        if len(text) > limit:
            raise ValueError(_("最多%(limit)d个字") % {"limit": limit})
        return text

    return read


def _message(error: ValidationError) -> str:
    return "；".join(str(m) for m in error.messages)


def _checked(validate: Callable[[str], None]) -> Reader:
    def read(raw: Any) -> str:
        text = _as_text(_required(raw))
        try:
            validate(text)
        except ValidationError as error:
            raise ValueError(_message(error)) from None
        return text

    return read


def _resident_id(raw: Any) -> str:
    if isinstance(_required(raw), int | float) and not isinstance(raw, bool):
        # Excel keeps 15 significant digits of a number: an 18-digit number is already damaged.
        raise ValueError(_("应以文本格式填写（以数字格式填写会丢失末几位），请将该列设为文本后重新填写"))
    value = normalise_resident_id(str(raw))
    try:
        validate_resident_id(value)
    except ValidationError as error:
        raise ValueError(_message(error)) from None
    return value


def _uscc(raw: Any) -> str:
    if raw is None or raw == "":
        return ""
    value = normalise_uscc(_as_text(raw))
    try:
        validate_uscc(value)
    except ValidationError as error:
        raise ValueError(_message(error)) from None
    return value


def _email(raw: Any) -> str:
    text = _as_text(_required(raw))
    try:
        validate_email(text)
    except ValidationError:
        raise ValueError(_("不是有效的电子邮箱地址")) from None
    if len(text) > 254:
        raise ValueError(_("最多%(limit)d个字") % {"limit": 254})
    return text


def _lookup(labels: Mapping[str, str], aliases: Mapping[str, str]) -> dict[str, str]:
    lookup = {_normal(label): code for code, label in labels.items()}
    lookup.update({_normal(code): code for code in labels})
    lookup.update({_normal(alias): code for alias, code in aliases.items()})
    return lookup


def _choice(labels: Mapping[str, str], aliases: Mapping[str, str]) -> Reader:
    lookup = _lookup(labels, aliases)

    def read(raw: Any) -> str:
        code = lookup.get(_normal(_required(raw)))
        if code is None:
            raise ValueError(_("应为以下之一：%(options)s") % {"options": "、".join(labels.values())})
        return code

    return read


def _choices(labels: Mapping[str, str], aliases: Mapping[str, str]) -> Reader:
    lookup = _lookup(labels, aliases)

    def read(raw: Any) -> list[str]:
        codes: list[str] = []
        for part in _parts(_required(raw)):
            code = lookup.get(_normal(part))
            if code is None:
                options = "、".join(labels.values())
                raise ValueError(_("“%(value)s”应为以下之一：%(options)s") % {"value": part, "options": options})
            if code not in codes:
                codes.append(code)
        return codes

    return read


def _group(groups: Iterable[ExpertGroup]) -> Reader:
    by_key = {_normal(g.code).lower(): g for g in groups} | {_normal(g.name): g for g in groups}
    names = "、".join(g.name for g in groups)

    def read(raw: Any) -> ExpertGroup:
        text = _normal(_required(raw))
        group = by_key.get(text) or by_key.get(text.lower())
        if group is None:
            raise ValueError(_("没有“%(value)s”这个专业组，应为：%(names)s") % {"value": _as_text(raw), "names": names})
        return group

    return read


def _parts(raw: Any) -> list[str]:
    return [p for p in SEPARATORS.split(_as_text(raw)) if p]


def _industries(raw: Any) -> list[str]:
    codes: list[str] = []
    for part in _parts(_required(raw)):
        code = part.upper()
        if code.isdigit() and len(code) == 1:
            code = f"0{code}"  # a division typed as a number loses its leading zero
        if code not in INDUSTRY_CODES:
            raise ValueError(_("“%(value)s”不是 GB/T 4754-2017 的门类字母或两位大类代码") % {"value": part})
        if code not in codes:
            codes.append(code)
    return codes


def _date(raw: Any) -> dt.date:
    _required(raw)
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool) and SERIAL_DAYS[0] <= raw <= SERIAL_DAYS[1]:
        # A date typed into a cell without a date format arrives as Excel's day number.
        return EXCEL_EPOCH + dt.timedelta(days=int(raw))
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", str(raw).strip())
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise ValueError(_("不是有效的日期，应写作 2025-01-01"))
