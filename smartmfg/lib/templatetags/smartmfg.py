"""Template filters for the programme's values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from smartmfg.lib.choices import current_lang, label_of
from smartmfg.rules import facts
from smartmfg.rules.divisions import full_name
from smartmfg.rules.text import format_yuan

register = template.Library()


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """``{{ score.points|get_item:criterion.key }}``: a value of a dict by a key known only at render time."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


@register.filter
def text(value: Any) -> str:
    """``{{ criterion.label|text }}``: a message of the rules core in the page's language."""
    return str(value.render(current_lang())) if hasattr(value, "render") else str(value)


@register.filter
def index(sequence: Any, position: int) -> Any:
    """``{{ row|index:forloop.counter0 }}``: an item of a list by a position known only at render time."""
    try:
        return sequence[position]
    except (IndexError, TypeError, KeyError):
        return ""


@register.filter
def tier_label(value: str) -> str:
    return label_of(facts.TIER_LABELS, value)


@register.filter
def yuan(value: Any) -> str:
    """``12,000,000.00`` — exact, two decimals, thousands separated."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value):,.2f}"


@register.filter
def wan(value: Any, style: str = "") -> str:
    """``1,200.00万元`` in Chinese, ``12,000,000.00 yuan`` in English; never rounded.

    ``|wan:"compact"`` drops the decimals of a round figure (a threshold: ``2,000万元``).
    """
    if value is None or value == "":
        return ""
    return format_yuan(Decimal(value), current_lang(), compact=style == "compact")


@register.filter
def division_name(code: str) -> str:
    """``长春市南关区`` for ``220102`` (GB/T 2260); other codes as they are."""
    return full_name(code) if code else ""


@register.inclusion_tag("components/status.html")
def status_badge(application: Any) -> dict[str, Any]:
    return {"status": application.status, "label": application.get_status_display()}
