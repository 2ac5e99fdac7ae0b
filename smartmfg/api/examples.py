"""One application in the import format, as the API documentation shows it."""

from __future__ import annotations

from typing import Any, Final

EXAMPLE_APPLICATION: Final[dict[str, Any]] = {
    "tier": "digital_workshop",
    "applied_on": "2026-03-15",
    "enterprise": {
        "name": "长春示范装备制造有限公司",
        "uscc": "91220102MA0EXAMP1D",
        "legal_status": "independent",
        "pays_tax_in_province": True,
        "region_code": "220102",
    },
    "credit_check": {
        "rating": "good",
        "on_abnormal_list": False,
        "on_serious_dishonesty_list": False,
        "checked_on": "2026-03-01",
    },
    "violations": [],
    "major_incidents": [],
    "revocations": [],
    "project": {
        "name": "底盘结构件数字化生产线",
        "region_code": "220102",
        "status": "in_production",
        "production_started_on": "2025-06-30",
        "workshops": [{"name": "焊装车间"}],
        "scenarios": [],
    },
    "investments": [
        {
            "date": "2024-09-10",
            "category": "equipment",
            "amount": "15800000.00",
            "status": "completed",
            "invoice_no": "22001234",
        },
        {
            "date": "2025-03-02",
            "category": "software",
            "amount": "4600000.00",
            "status": "completed",
            "invoice_no": "22005678",
        },
        {
            "date": "2025-01-15",
            "category": "civil_works",
            "amount": "3000000.00",
            "status": "completed",
            "invoice_no": "22009012",
        },
    ],
    "maturity": {"level": 2, "score": "2.35", "assessed_on": "2026-02-20", "report_no": "C3M-2026-000123"},
}
