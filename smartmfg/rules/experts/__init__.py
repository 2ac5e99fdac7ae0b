"""The pure core of expert review (第九条): identity numbers, the draw, affinity, the assignment.

- ``identity``: the resident identity card number (GB 11643-1999) kept private in the pool;
- ``conflicts``: the conflicts (回避) found by rule, and when a recorded one is in force;
- ``draw``: the verifiable random draw of experts from the pool, and its published document;
- ``affinity``: how well an expert suits an application, between 0 and 1;
- ``assignment``: the optimal assignment of experts to applications, one joint min-cost flow;
- ``reading``: the JSON inputs of the draw and the assignment, each problem named by its path.

The Rules say only that the Department organises experts (第九条); domain.md §7 records what
smartmfg decided where they are silent. Like the rest of ``smartmfg.rules``, nothing here imports
Django.
"""

from __future__ import annotations

from typing import Final

ARTICLE_9: Final = "第九条"
