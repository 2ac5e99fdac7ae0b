"""The optimal assignment of review experts to applications: one joint min-cost flow (第九条).

Every application gets exactly its number of reviews from distinct experts;
every expert's load lies between their ``min_load`` and ``max_load``, both
hard bounds; an expert never reviews an application they are conflicted
with; pairs the Department fixes (``forced``) are kept. Among all the
assignments meeting these, the one with the highest total affinity is
chosen, all applications at once (domain.md §7).

``instance`` holds the problem and reads its JSON form; ``flow`` checks,
builds the network and solves it (its docstring draws the network).
"""

from __future__ import annotations

from .flow import COST_SCALE, Infeasible, Network, Solution, prepare, solve
from .instance import Capacity, Instance, InvalidInstance, Matrix, Pair, Slot, json_id, parse_instance

__all__ = [
    "COST_SCALE",
    "Capacity",
    "Infeasible",
    "Instance",
    "InvalidInstance",
    "Matrix",
    "Network",
    "Pair",
    "Slot",
    "Solution",
    "json_id",
    "parse_instance",
    "prepare",
    "solve",
]
