"""Field validators for the national identifiers (domain.md §5).

They wrap the pure core's checks so every form, the admin and every import
refuse the same things with the same words.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from smartmfg.lib.choices import current_lang
from smartmfg.rules import document_numbers
from smartmfg.rules.divisions import division_problem
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
