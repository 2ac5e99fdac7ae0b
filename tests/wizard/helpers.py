"""Building the posts of the application form's steps, as a browser would send them."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from smartmfg.eligibility.spreadsheets import investment_template
from smartmfg.lib.sheets import XLSX


def url(name: str, application: Any, **kwargs: Any) -> str:
    return reverse(f"apply:{name}", kwargs={"pk": application.pk, **kwargs})


def formset(prefix: str, rows: Iterable[Mapping[str, Any]], *, initial: int = 0) -> dict[str, Any]:
    """The management form and the rows of a formset (``DELETE`` ticks a row off)."""
    rows = list(rows)
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for name, value in row.items():
            if value is True:
                data[f"{prefix}-{i}-{name}"] = "on"
            elif value not in (False, None):
                data[f"{prefix}-{i}-{name}"] = str(value)
    return data


def item(**fields: Any) -> dict[str, Any]:
    """One investment row as the form posts it."""
    values = {
        "occurred_on": "2025-06-01",
        "category": "equipment",
        "amount": "1000000.00",
        "status": "completed",
        "invoice_no": "FP-1",
        "description": "数控机床",
    }
    values.update(fields)
    return values


def profile_post(enterprise: Any, contacts: Iterable[Mapping[str, Any]] = (), **changes: Any) -> dict[str, Any]:
    data = {
        "name": enterprise.name,
        "legal_status": enterprise.legal_status,
        "pays_tax_in_province": "on" if enterprise.pays_tax_in_province else "",
        "registered_division": enterprise.registered_division,
        "industry": enterprise.industry,
        "manufacturing_type": enterprise.manufacturing_type,
        "address": enterprise.address,
        **changes,
    }
    return {**data, **formset("contacts", contacts)}


def filled_sheet(rows: Iterable[Iterable[Any]], *, name: str = "投资明细.xlsx") -> SimpleUploadedFile:
    """The downloaded template with ``rows`` written from row 3 (below the example), as uploaded."""
    workbook = load_workbook(io.BytesIO(investment_template()))
    sheet = workbook["投资明细"]
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, 1):
            sheet.cell(row=3 + offset, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)
