"""Model fields for the programme's value types."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartmfg.lib.validators import validate_uscc
from smartmfg.rules.identifiers import normalise_uscc


class UsccField(models.CharField):  # type: ignore[type-arg]
    """A unified social credit code, stored upper-case and checked by both check characters."""

    default_validators = [validate_uscc]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 18)
        kwargs.setdefault("verbose_name", _("统一社会信用代码"))
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return normalise_uscc(value) if isinstance(value, str) else value


class MoneyField(models.DecimalField):  # type: ignore[type-arg]
    """Yuan with two decimals, never negative; never a float anywhere."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("validators", [MinValueValidator(Decimal("0"))])
        super().__init__(*args, **kwargs)
