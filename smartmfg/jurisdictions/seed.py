"""The jurisdiction tree as shipped: the Department, every bureau of Jilin.

Built from the GB/T 2260 table of the pure core. Idempotent: existing nodes
(matched by key) keep whatever an administrator has changed since.
"""

from __future__ import annotations

from typing import Any

from smartmfg.rules.divisions import JILIN, JILIN_DIVISIONS

DEPARTMENT_NAME = "吉林省工业和信息化厅"
# 梅河口市 reports to the province directly (it sits under 通化市 in GB/T 2260).
DIRECT_COUNTIES = {"220581"}
CHANGBAISHAN = {"key": "changbaishan", "area": "长白山", "name": "长白山管委会经济发展局"}


def bureau_name(area: str) -> str:
    return f"{area}工业和信息化局"


def jurisdiction_rows() -> list[dict[str, Any]]:
    """Rows in tree order (parents first), each with its parent's key."""
    rows: list[dict[str, Any]] = [
        {
            "key": JILIN,
            "code": JILIN,
            "area": "吉林省",
            "name": DEPARTMENT_NAME,
            "level": "province",
            "parent": None,
            "reports_directly": True,
        },
    ]
    for division in JILIN_DIVISIONS.values():
        if division.level == "prefecture":
            rows.append(
                {
                    "key": division.code,
                    "code": division.code,
                    "area": division.name,
                    "name": bureau_name(division.name),
                    "level": "prefecture",
                    "parent": JILIN,
                    "reports_directly": True,
                }
            )
    for division in JILIN_DIVISIONS.values():
        if division.level == "county":
            direct = division.code in DIRECT_COUNTIES
            rows.append(
                {
                    "key": division.code,
                    "code": division.code,
                    "area": division.name,
                    "name": bureau_name(division.name),
                    "level": "county",
                    "parent": JILIN if direct else division.parent,
                    "reports_directly": direct,
                }
            )
    rows.append({**CHANGBAISHAN, "code": None, "level": "prefecture", "parent": JILIN, "reports_directly": True})
    return rows


def sync_jurisdictions(model: Any) -> int:
    """Create the nodes that are missing; return how many were created."""
    created = 0
    by_key = {j.key: j for j in model.objects.all()}
    for row in jurisdiction_rows():
        if row["key"] in by_key:
            continue
        parent = by_key[row["parent"]] if row["parent"] else None
        node = model(**{**row, "parent": parent})
        node.path = f"{parent.path if parent else ''}{row['key']}/"
        node.save()
        by_key[node.key] = node
        created += 1
    return created
