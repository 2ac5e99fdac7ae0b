"""Writing a recognition number from its series' format, and what a format or a short name may be.

A number is typed by people (on the verification page), printed under a QR
code and put in a URL path (``verify/<number>/``): so no slash, no space, no
character a URL reserves, and it must tell tiers and years apart by itself,
which is why ``{prefix}``, ``{year}`` and ``{seq}`` must all appear.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Mapping
from typing import Final

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FIELDS: Final = ("prefix", "year", "seq")
FORBIDDEN: Final = frozenset("/\\?#%&+ \t\r\n\u3000")
MAX_LENGTH: Final = 64
MAX_PREFIX: Final = 16


def render_number(number_format: str, *, prefix: str, year: int, seq: int) -> str:
    return number_format.format(prefix=prefix, year=year, seq=seq)


def normalise(text: str) -> str:
    """What a person typed, as stored: full-width letters, digits and hyphens (－) made half-width, spaces gone."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace()).replace("—", "-").replace("–", "-")


def check_format(number_format: str) -> str:
    """The format stripped, or ``ValidationError`` on ``number_format`` saying what is wrong."""
    text = number_format.strip()
    try:
        names = [name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name is not None]
    except ValueError:
        raise ValidationError({"number_format": _("编号格式的花括号不成对")}) from None
    unknown = sorted({name for name in names if name not in FIELDS})
    if unknown:
        raise ValidationError(
            {
                "number_format": _("编号格式只能使用 {prefix}、{year}、{seq}，不能使用：%(names)s")
                % {"names": "、".join(unknown)}
            }
        )
    missing = [name for name in FIELDS if name not in names]
    if missing:
        raise ValidationError(
            {
                "number_format": _("编号格式须包含 {prefix}、{year} 和 {seq}，以区分类别、年度和序号；缺少：%(names)s")
                % {"names": "、".join("{" + name + "}" for name in missing)}
            }
        )
    try:
        sample = render_number(text, prefix="数车", year=2026, seq=9999)
    except (ValueError, TypeError, IndexError, KeyError):
        raise ValidationError({"number_format": _("编号格式无效（序号可写作 {seq} 或 {seq:04d}）")}) from None
    _check_characters(sample, "number_format")
    if len(sample) > MAX_LENGTH:
        raise ValidationError({"number_format": _("编号过长（不超过%(n)d个字符）") % {"n": MAX_LENGTH}})
    return text


def check_prefixes(prefixes: Mapping[str, str], tiers: tuple[str, ...]) -> dict[str, str]:
    """One short name per tier, each present, distinct and usable in a number; keyed ``prefix_<tier>``."""
    cleaned = {tier: prefixes.get(tier, "").strip() for tier in tiers}
    for tier, prefix in cleaned.items():
        field = f"prefix_{tier}"
        if not prefix:
            raise ValidationError({field: _("请填写类别简称")})
        if len(prefix) > MAX_PREFIX:
            raise ValidationError({field: _("类别简称不超过%(n)d个字符") % {"n": MAX_PREFIX}})
        _check_characters(prefix, field)
    seen: dict[str, str] = {}
    for tier, prefix in cleaned.items():
        if prefix in seen:
            raise ValidationError({f"prefix_{tier}": _("各类别的简称须互不相同，否则编号会重复")})
        seen[prefix] = tier
    return cleaned


def _check_characters(text: str, field: str) -> None:
    if any(ch in FORBIDDEN or ch in "{}" for ch in text):
        raise ValidationError({field: _("编号中不能有空格、斜杠和 ? # % & + 等字符（编号要印在二维码中、写进网址）")})
