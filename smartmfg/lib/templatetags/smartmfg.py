"""Template filters for the programme's values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from smartmfg.lib.choices import current_lang, label_of
from smartmfg.rules import facts
from smartmfg.rules.text import format_yuan

register = template.Library()


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
def wan(value: Any) -> str:
    """``1,200万元`` in Chinese, ``12,000,000.00 yuan`` in English; never rounded."""
    if value is None or value == "":
        return ""
    return format_yuan(Decimal(value), current_lang())


@register.inclusion_tag("components/status.html")
def status_badge(application: Any) -> dict[str, Any]:
    return {"status": application.status, "label": application.get_status_display()}
