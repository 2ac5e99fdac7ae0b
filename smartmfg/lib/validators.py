"""Field validators for the national identifiers (domain.md §5).

They wrap the pure core's checks so every form, the admin and every import
refuse the same things with the same words.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartmfg.lib.choices import current_lang
from smartmfg.rules import document_numbers
from smartmfg.rules.divisions import division_problem
from smartmfg.rules.experts.identity import normalise_resident_id, resident_id_error
from smartmfg.rules.identifiers import normalise_uscc, uscc_error

DIVISION_MESSAGES = {
    "format": _("行政区划代码应为6位数字（GB/T 2260）"),
    "province": _("行政区划代码的前两位不是有效的省级代码"),
    "unknown_jilin": _("不是吉林省现行的行政区划代码"),
}


def validate_uscc(value: str) -> None:
    problem = uscc_error(normalise_uscc(value))
    if problem is not None:
        raise ValidationError(problem.render(current_lang()), code="invalid_uscc")


def validate_resident_id(value: str) -> None:
    """居民身份证号码, GB 11643: 18 characters, the last one the check character."""
    problem = resident_id_error(normalise_resident_id(value))
    if problem is not None:
        raise ValidationError(problem.render(current_lang()), code="invalid_resident_id")


# A mainland mobile number: 11 digits, 1 then 3-9 (the numbering plan's mobile ranges).
_MOBILE = re.compile(r"1[3-9]\d{9}")


def validate_mobile(value: str) -> None:
    if not _MOBILE.fullmatch(value.strip()):
        raise ValidationError(_("手机号码应为11位数字，以13至19开头"), code="invalid_mobile")


def validate_division(value: str) -> None:
    problem = division_problem(value)
    if problem is not None:
        raise ValidationError(DIVISION_MESSAGES[problem], code=f"division_{problem}")


def check_document_number(text: str, year: int | None, *, field: str = "document_number") -> str:
    """A document number (文号) as GB/T 9704-2012 §7.2.4 writes it, of the document's ``year``.

    Returns it stripped; otherwise raises ``ValidationError`` on ``field`` with
    the corrected form when it can be told (``rules.document_numbers``).
    """
    problem = document_numbers.check(text, year)
    if problem is not None:
        raise ValidationError({field: problem.render(current_lang())}, code="document_number")
    return text.strip()


CENT = Decimal("0.01")


def check_yuan(value: Decimal | str | int, *, field: str, label: str, positive: bool = False) -> Decimal:
    """An amount in yuan with at most two places (never a float), not negative (``positive``: above zero).

    Returns it with two places; otherwise raises ``ValidationError`` on ``field``, naming ``label``.
    """
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({field: _("%(label)s不是有效的金额") % {"label": label}}) from None
    if not amount.is_finite() or amount != amount.quantize(CENT) or amount < 0 or (positive and amount == 0):
        message = (
            _("%(label)s须为大于0、最多两位小数的金额（元）")
            if positive
            else _("%(label)s须为不小于0、最多两位小数的金额（元）")
        )
        raise ValidationError({field: message % {"label": label}})
    return amount.quantize(CENT)


def check_not_future(day: dt.date, *, field: str, label: str) -> None:
    """A date that has already come (Asia/Shanghai): what was done cannot be dated tomorrow."""
    if day > timezone.localdate():
        raise ValidationError({field: _("%(label)s不能晚于今天") % {"label": label}})
