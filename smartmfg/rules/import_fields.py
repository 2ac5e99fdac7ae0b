"""The field types of the import format: each checks one value and says what is wrong with it.

Every validator raises an error whose type is one of our ``MESSAGES`` keys
(with its parameters), so that the reader gets our Chinese and English and
never the validation library's English. Money never passes through binary
floating point: an amount is a decimal string or an integer of yuan, and a
number with a fraction (a ``float``, or the ``Decimal`` that
``load_documents`` makes of one) is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Final

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from .divisions import division_problem
from .facts import MATURITY_LEVELS
from .identifiers import normalise_uscc, uscc_error
from .text import Coded, Lang

CENT: Final = Decimal("0.01")
MAX_AMOUNT: Final = Decimal(10) ** 13  # ten trillion yuan: far above any project, far below Decimal's limits
MAX_SCORE: Final = Decimal(5)

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "missing": {"zh": "缺少必填字段", "en": "this field is required"},
    "unknown_field": {
        "zh": "导入格式中没有“{field}”这个字段",
        "en": "'{field}' is not a field of the import format",
    },
    "object_type": {"zh": "应为对象（{{…}}）", "en": "must be an object ({{…}})"},
    "list_type": {"zh": "应为列表（[…]）", "en": "must be a list ([…])"},
    "text_type": {"zh": "应为文本（字符串），实际为{value}", "en": "must be text (a string), not {value}"},
    "blank": {"zh": "不能为空", "en": "must not be empty"},
    "bool_type": {"zh": "应为 true 或 false，实际为{value}", "en": "must be true or false, not {value}"},
    "level_range": {
        "zh": "成熟度等级应为1至5的整数，实际为{value}",
        "en": "the maturity level must be a whole number from 1 to 5, not {value}",
    },
    "score_type": {
        "zh": "成熟度得分应为数字，实际为{value}",
        "en": "the maturity score must be a number, not {value}",
    },
    "score_range": {
        "zh": "成熟度得分应在0至5之间，实际为{value}",
        "en": "the maturity score must be between 0 and 5, not {value}",
    },
    "date_format": {
        "zh": "应为YYYY-MM-DD格式的日期，实际为{value}",
        "en": "must be a date written YYYY-MM-DD, not {value}",
    },
    "date_invalid": {"zh": "{value}不是有效的日期", "en": "{value} is not a valid date"},
    "choice": {
        "zh": "{value}不是允许的取值，应为以下之一：{allowed}",
        "en": "{value} is not allowed; use one of {allowed}",
    },
    "amount_float": {
        "zh": '金额不能写成带小数点的数字（{value}），以免二进制浮点误差；请写成字符串（如"{suggest}"）或整数',
        "en": "an amount is never a number with a decimal point ({value}), to avoid binary floating point; "
        'write a string such as "{suggest}" or an integer',
    },
    "amount_type": {
        "zh": '金额应为以元为单位的数字字符串（如"12000000.00"）或整数，实际为{value}',
        "en": 'an amount must be a decimal string of yuan (such as "12000000.00") or an integer, not {value}',
    },
    "amount_negative": {
        "zh": "金额不能为负数，实际为{value}",
        "en": "an amount cannot be negative ({value})",
    },
    "amount_places": {
        "zh": "金额最多两位小数（精确到分），实际为{value}",
        "en": "an amount takes at most two decimals (to the fen), not {value}",
    },
    "amount_large": {
        "zh": "金额{value}超出可受理的范围",
        "en": "the amount {value} is beyond any accepted range",
    },
    "region_format": {
        "zh": "行政区划代码应为6位数字（GB/T 2260），实际为{value}",
        "en": "a division code has six digits (GB/T 2260), not {value}",
    },
    "region_province": {
        "zh": "行政区划代码{value}的前两位不是省级行政区划代码",
        "en": "the first two digits of division code {value} are not a province's",
    },
    "region_unknown": {
        "zh": "{value}不是吉林省现行的行政区划代码",
        "en": "{value} is not a current division code of Jilin",
    },
    "uscc": {
        "zh": "统一社会信用代码{value}无效：{problem}",
        "en": "the unified social credit code {value} is not valid: {problem}",
    },
    "document_type": {
        "zh": "导入内容应为一个申报对象或由申报对象组成的数组",
        "en": "the document must be one application object or an array of them",
    },
    "json_syntax": {
        "zh": "不是有效的JSON（第{line}行第{column}列附近）",
        "en": "not valid JSON (near line {line}, column {column})",
    },
    "json_constant": {
        "zh": "JSON中不能出现{value}",
        "en": "{value} is not allowed in the document",
    },
    "invalid": {"zh": "取值无效（{kind}）", "en": "invalid value ({kind})"},
}

_REGION_KEYS: Final = {
    "format": "region_format",
    "province": "region_province",
    "unknown_jilin": "region_unknown",
}
_DATE_TEXT: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_AMOUNT_TEXT: Final = re.compile(r"-?\d+(\.\d+)?")
_NUMBER_TEXT: Final = re.compile(r"-?\d+(\.\d+)?")


def fail(kind: str, **ctx: Any) -> PydanticCustomError:
    # The template is our key; the text shown is always ours (``schema._message``).
    return PydanticCustomError(kind, kind, ctx)


def shown(value: Any) -> str:
    """A wrong value as the reader typed it, quoted when it is text."""
    if isinstance(value, str):
        return f'"{value}"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "{…}" if isinstance(value, dict) else "[…]"
    return str(value)


# Field validators -------------------------------------------------------------


def plain_text(value: Any) -> str:
    if not isinstance(value, str):
        raise fail("text_type", value=shown(value))
    return value.strip()


def required_text(value: Any) -> str:
    text = plain_text(value)
    if not text:
        raise fail("blank")
    return text


def optional_text(value: Any) -> str | None:
    return None if value is None else plain_text(value) or None


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise fail("bool_type", value=shown(value))
    return value


def calendar_date(value: Any) -> dt.date:
    if type(value) is dt.date:
        return value
    if not isinstance(value, str) or not _DATE_TEXT.fullmatch(value):
        raise fail("date_format", value=shown(value))
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail("date_invalid", value=shown(value)) from None


def optional_date(value: Any) -> dt.date | None:
    return None if value is None else calendar_date(value)


def one_of(table: Mapping[str, Mapping[Lang, str]]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str) or value not in table:
            raise fail("choice", value=shown(value), allowed=[Coded(table, code) for code in table])
        return value

    return check


def yuan_amount(value: Any) -> Decimal:
    """Yuan from a decimal string or an integer; never a float."""
    if isinstance(value, (float, Decimal)):
        raise fail("amount_float", value=str(value), suggest=_suggest(value))
    if isinstance(value, int) and not isinstance(value, bool):
        yuan = Decimal(value)
    elif isinstance(value, str) and _AMOUNT_TEXT.fullmatch(value.strip()):
        yuan = Decimal(value.strip())
    else:
        raise fail("amount_type", value=shown(value))
    return _checked_amount(yuan, value)


def _checked_amount(yuan: Decimal, raw: Any) -> Decimal:
    if yuan < 0:
        raise fail("amount_negative", value=shown(raw))
    if yuan >= MAX_AMOUNT:
        raise fail("amount_large", value=shown(raw))
    if yuan != yuan.quantize(CENT):
        raise fail("amount_places", value=shown(raw))
    return yuan


def _suggest(value: float | Decimal) -> str:
    try:
        return f"{Decimal(str(value)):.2f}"
    except (InvalidOperation, ValueError):
        return "12000000.00"


def level(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in MATURITY_LEVELS:
        raise fail("level_range", value=shown(value))
    return value


def score(value: Any) -> Decimal | None:
    """The maturity score may be any number (it is not money), or a decimal string."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        raise fail("score_type", value=shown(value))
    if isinstance(value, str) and not _NUMBER_TEXT.fullmatch(value.strip()):
        raise fail("score_type", value=shown(value))
    number = Decimal(str(value).strip())
    if not number.is_finite() or not 0 <= number <= MAX_SCORE:
        raise fail("score_range", value=shown(value))
    return number


def region(value: Any) -> str:
    if not isinstance(value, str):
        raise fail("region_format", value=shown(value))
    code = value.strip()
    problem = division_problem(code)
    if problem is not None:
        raise fail(_REGION_KEYS[problem], value=shown(code))
    return code


def uscc_code(value: Any) -> str:
    if not isinstance(value, str):
        raise fail("text_type", value=shown(value))
    code = normalise_uscc(value)
    problem = uscc_error(code)
    if problem is not None:
        raise fail("uscc", value=shown(code), key=problem.key, params=dict(problem.params))
    return code


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        raise fail("list_type")
    return list(value)


# Field types ----------------------------------------------------------------

TextField = Annotated[str, BeforeValidator(plain_text)]
RequiredText = Annotated[str, BeforeValidator(required_text)]
OptionalText = Annotated[str | None, BeforeValidator(optional_text)]
Flag = Annotated[bool, BeforeValidator(flag)]
Date = Annotated[dt.date, BeforeValidator(calendar_date)]
OptionalDate = Annotated[dt.date | None, BeforeValidator(optional_date)]
Amount = Annotated[Decimal, BeforeValidator(yuan_amount)]
RegionCode = Annotated[str, BeforeValidator(region)]
UsccCode = Annotated[str, BeforeValidator(uscc_code)]
MaturityLevel = Annotated[int, BeforeValidator(level)]
MaturityScore = Annotated[Decimal | None, BeforeValidator(score)]
