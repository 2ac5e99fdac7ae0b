"""Applications in the import format for tests: valid by default, changed by keyword."""

from __future__ import annotations

import copy
import json
from itertools import count
from typing import Any

from smartmfg.rules.identifiers import make_uscc

_serial = count(1)


def uscc(division: str = "220102") -> str:
    return make_uscc("91", division, f"D{next(_serial):07d}")


def document(
    *, tier: str = "digital_workshop", region: str = "220102", total: str = "21000000.00", **overrides: Any
) -> dict[str, Any]:
    """An eligible application of ``tier`` applied on 2026-03-15 (in production, good credit, level 2...).

    ``total`` is the eligible investment, in two completed items; ``overrides``
    replace top-level keys.
    """
    whole, cents = total.split(".")
    first = f"{int(whole) // 2}.00"
    second = f"{int(whole) - int(whole) // 2}.{cents}"
    doc: dict[str, Any] = {
        "tier": tier,
        "applied_on": "2026-03-15",
        "enterprise": {
            "name": f"测试导入企业{next(_serial)}有限公司",
            "uscc": uscc(region),
            "legal_status": "independent",
            "pays_tax_in_province": True,
            "region_code": region,
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
            "name": "数字化生产线改造项目",
            "region_code": region,
            "status": "in_production",
            "production_started_on": "2025-06-30",
            "workshops": [{"name": "一车间"}, {"name": "二车间"}],
            "scenarios": [{"area": a, "title": f"场景{i}"} for i, a in enumerate(SCENARIOS, 1)],
        },
        "investments": [
            {"date": "2024-09-10", "category": "equipment", "amount": first, "status": "completed", "invoice_no": "A1"},
            {"date": "2025-03-02", "category": "software", "amount": second, "status": "completed", "invoice_no": "A2"},
        ],
        "maturity": {"level": 3, "score": "3.20", "assessed_on": "2026-02-20", "report_no": "C3M-0001"},
    }
    doc.update(copy.deepcopy(overrides))
    return doc


SCENARIOS = ("new_gen_it", "digital_design", "intelligent_production", "lean_management", "green_manufacturing")


def text(*documents: dict[str, Any]) -> str:
    """One object, or an array when several are given."""
    return json.dumps(documents[0] if len(documents) == 1 else list(documents), ensure_ascii=False)
