"""An assignment problem: applications and their reviews, experts and their loads, affinities, pairs.

Read from the JSON of ``smartmfg experts assign`` (``parse_instance``) or
built from the platform's records; either way checked to fit together, each
problem named by its path (``applications[2].reviews``, ``affinity[3][7]``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from ...schema import FieldError
from ...text import Lang, Text
from ..reading import InvalidInput, Reader, item
from ..reading import field as at

MAX_PROBLEMS: Final = 20

Pair = tuple[str, str]
Matrix = npt.NDArray[np.float64]

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "rows": {
        "zh": "应有{expected}行（每项申报一行），实际为{actual}行",
        "en": "must have {expected} rows, one per application, not {actual}",
    },
    "row_length": {
        "zh": "应有{expected}个值（每名专家一个），实际为{actual}个",
        "en": "must have {expected} values, one per expert, not {actual}",
    },
    "table": {
        "zh": "应为数的表格：每项申报一行，每名专家一列",
        "en": "must be a table of numbers, a row per application and a value per expert",
    },
    "unknown_application": {"zh": "没有ID为“{id}”的申报", "en": "no application has the id '{id}'"},
    "unknown_expert": {"zh": "没有ID为“{id}”的专家", "en": "no expert has the id '{id}'"},
    "pair": {
        "zh": "应为[申报ID, 专家ID]两项组成的数组",
        "en": "must be a pair [application id, expert id]",
    },
    "forced_conflict": {
        "zh": "申报“{application}”与专家“{expert}”有利益冲突，不能指定",
        "en": "application '{application}' and expert '{expert}' are conflicted and cannot be forced together",
    },
}


class InvalidInstance(InvalidInput):
    """An instance that cannot be read or does not fit together; ``problems`` names each by its JSON path."""


@dataclass(frozen=True, slots=True)
class Slot:
    """An application to review, ``reviews`` times by distinct experts."""

    id: str
    reviews: int


@dataclass(frozen=True, slots=True)
class Capacity:
    """An expert who reviews at least ``min_load`` and at most ``max_load`` applications."""

    id: str
    min_load: int
    max_load: int


@dataclass(frozen=True, eq=False, init=False)
class Instance:
    """One assignment problem.

    ``affinity[i][j]`` (0 to 1) is application i's with expert j, in the
    orders of ``applications`` and ``experts`` (a numpy array or lists of
    lists); ``conflicts`` and ``forced`` are ``(application id, expert id)``
    pairs. Construction checks that the parts fit together
    (``InvalidInstance``), not that an assignment exists.
    """

    applications: tuple[Slot, ...]
    experts: tuple[Capacity, ...]
    affinity: Matrix
    conflicts: frozenset[Pair]
    forced: frozenset[Pair]
    _index: tuple[dict[str, int], dict[str, int]] = field(repr=False)

    def __init__(
        self,
        applications: Iterable[Slot],
        experts: Iterable[Capacity],
        affinity: npt.ArrayLike,
        conflicts: Iterable[Pair] = frozenset(),
        forced: Iterable[Pair] = frozenset(),
    ) -> None:
        apps, capacities = tuple(applications), tuple(experts)
        try:
            matrix = np.asarray(affinity, dtype=np.float64)
        except (TypeError, ValueError):  # ragged rows, or something that is not a number
            raise InvalidInstance([FieldError("affinity", Text(MESSAGES, "table"))]) from None
        shape = (len(apps), len(capacities))
        if matrix.size == 0 and 0 in shape:  # ``[]`` when there is nobody: the shape the counts say
            matrix = matrix.reshape(shape)
        index = ({a.id: i for i, a in enumerate(apps)}, {e.id: j for j, e in enumerate(capacities)})
        for name, value in (
            ("applications", apps),
            ("experts", capacities),
            ("affinity", matrix),
            ("conflicts", frozenset(conflicts)),
            ("forced", frozenset(forced)),
            ("_index", index),
        ):
            object.__setattr__(self, name, value)
        problems = _instance_problems(self)
        if problems:
            raise InvalidInstance(problems[:MAX_PROBLEMS])

    def matrix(self, pairs: Iterable[Pair]) -> npt.NDArray[np.bool_]:
        """``pairs`` as an applications × experts boolean matrix."""
        apps, experts = self._index
        marked = np.zeros((len(self.applications), len(self.experts)), dtype=np.bool_)
        for application, expert in pairs:
            marked[apps[application], experts[expert]] = True
        return marked


def parse_instance(obj: Any) -> Instance:
    """An ``Instance`` from its JSON form (the ``smartmfg experts assign`` file), or ``InvalidInstance``.

    ``{"applications": [{"id", "reviews"}], "experts": [{"id", "min_load", "max_load"}],
    "affinity": [[...]], "conflicts": [[application id, expert id]], "forced": [...]}``;
    ids are text or whole numbers (read as their text), ``forced`` may be left out.
    Every problem is named by its path: ``applications[2].reviews``, ``affinity[3][7]``.
    """
    reader = Reader()
    top = reader.obj(obj, "", ("applications", "experts", "affinity", "conflicts"), ("forced",))
    if top is None or reader.errors:
        raise InvalidInstance(reader.errors)
    applications = [
        Slot(*values) for values in _read_list(reader, top["applications"], "applications", ("id", "reviews"))
    ]
    experts = [
        Capacity(*values) for values in _read_list(reader, top["experts"], "experts", ("id", "min_load", "max_load"))
    ]
    _unique_ids(reader, "applications", applications)
    _unique_ids(reader, "experts", experts)
    # The file's own counts: a bad entry is reported once, not again as a short row.
    raw_apps, raw_experts = top["applications"], top["experts"]
    affinity = None
    if isinstance(raw_apps, list) and isinstance(raw_experts, list):
        affinity = _read_affinity(reader, top["affinity"], len(raw_apps), len(raw_experts))
    known = ({a.id for a in applications}, {e.id for e in experts})
    conflicts = dict(_read_pairs(reader, top["conflicts"], "conflicts", known))
    forced = dict(_read_pairs(reader, top.get("forced", []), "forced", known))
    conflicted = set(conflicts.values())
    for k, (application, expert) in forced.items():
        if (application, expert) in conflicted:
            reader.fail(item("forced", k), "forced_conflict", MESSAGES, application=application, expert=expert)
    if reader.errors or affinity is None:
        raise InvalidInstance(reader.errors[:MAX_PROBLEMS])
    return Instance(
        tuple(applications), tuple(experts), affinity, frozenset(conflicts.values()), frozenset(forced.values())
    )


def json_id(value: Any) -> str:
    """An id of the JSON form as the core keeps it: text as it is, a whole number as its digits."""
    return value if isinstance(value, str) else str(value)


def _instance_problems(instance: Instance) -> list[FieldError]:
    reader = Reader()
    for i, application in enumerate(instance.applications):
        where = item("applications", i)
        reader.whole(application.reviews, at(where, "reviews"))
    for j, expert in enumerate(instance.experts):
        where = item("experts", j)
        reader.whole(expert.min_load, at(where, "min_load"))
        reader.whole(expert.max_load, at(where, "max_load"))
    _unique_ids(reader, "applications", instance.applications)
    _unique_ids(reader, "experts", instance.experts)
    _check_affinity(reader, instance.affinity, len(instance.applications), len(instance.experts))
    known = ({a.id for a in instance.applications}, {e.id for e in instance.experts})
    for name, pairs in (("conflicts", instance.conflicts), ("forced", instance.forced)):
        for pair in sorted(pairs):
            _check_pair(reader, pair, name, known)
    for app_id, expert_id in sorted(instance.forced & instance.conflicts):
        reader.fail("forced", "forced_conflict", MESSAGES, application=app_id, expert=expert_id)
    return reader.errors


def _unique_ids(reader: Reader, name: str, entries: Sequence[Slot | Capacity]) -> None:
    reader.unique([(at(item(name, i), "id"), entry.id) for i, entry in enumerate(entries)])


def _check_affinity(reader: Reader, affinity: Matrix, n_apps: int, n_experts: int) -> None:
    if affinity.ndim != 2 or len(affinity) != n_apps:
        reader.fail("affinity", "rows", MESSAGES, expected=n_apps, actual=len(affinity))
        return
    if affinity.shape[1] != n_experts:
        reader.fail("affinity", "row_length", MESSAGES, expected=n_experts, actual=affinity.shape[1])
        return
    bad = np.argwhere(~(np.isfinite(affinity) & (affinity >= 0) & (affinity <= 1)))
    for i, j in bad[:MAX_PROBLEMS]:
        reader.fail(f"affinity[{i}][{j}]", "number", value=float(affinity[i, j]))


def _read_list(reader: Reader, raw: Any, name: str, fields: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """The entries of ``applications`` or ``experts`` as ``(id, whole, ...)`` tuples, the bad ones left out."""
    entries = reader.array(raw, name)
    read = []
    for i, entry in enumerate(entries or []):
        where = item(name, i)
        obj = reader.obj(entry, where, fields)
        if obj is None or any(f not in obj for f in fields):
            continue
        ident = _read_id(reader, obj["id"], at(where, "id"))
        numbers = [reader.whole(obj[f], at(where, f)) for f in fields[1:]]
        if ident is not None and all(n is not None for n in numbers):
            read.append((ident, *numbers))
    return read


def _read_id(reader: Reader, raw: Any, path: str) -> str | None:
    if isinstance(raw, bool) or not isinstance(raw, (str, int)) or raw == "":
        reader.fail(path, "id")
        return None
    return json_id(raw)


def _read_affinity(reader: Reader, raw: Any, n_apps: int, n_experts: int) -> Matrix | None:
    rows = reader.array(raw, "affinity")
    if rows is None:
        return None
    if len(rows) != n_apps:
        reader.fail("affinity", "rows", MESSAGES, expected=n_apps, actual=len(rows))
        return None
    start = len(reader.errors)
    for i, row in enumerate(rows):
        where = item("affinity", i)
        if not isinstance(row, list):
            reader.fail(where, "array")
        elif len(row) != n_experts:
            reader.fail(where, "row_length", MESSAGES, expected=n_experts, actual=len(row))
        elif not all(type(v) in (int, float) for v in row):
            j = next(j for j, v in enumerate(row) if type(v) not in (int, float))
            reader.fail(f"{where}[{j}]", "number", value=row[j])
        if len(reader.errors) - start >= MAX_PROBLEMS:
            return None
    if len(reader.errors) > start:
        return None
    matrix = np.array(rows, dtype=np.float64).reshape(n_apps, n_experts)
    _check_affinity(reader, matrix, n_apps, n_experts)
    return matrix


def _read_pairs(reader: Reader, raw: Any, name: str, known: tuple[set[str], set[str]]) -> list[tuple[int, Pair]]:
    """The pairs of ``conflicts`` or ``forced`` with their index in the file, the bad ones left out."""
    entries = reader.array(raw, name)
    pairs = []
    for k, entry in enumerate(entries or []):
        where = item(name, k)
        if not isinstance(entry, list) or len(entry) != 2:
            reader.fail(where, "pair", MESSAGES)
            continue
        application = _read_id(reader, entry[0], item(where, 0))
        expert = _read_id(reader, entry[1], item(where, 1))
        if application is not None and expert is not None:
            pair = (application, expert)
            if _check_pair(reader, pair, where, known, indexed=True):
                pairs.append((k, pair))
    return pairs


def _check_pair(
    reader: Reader, pair: Pair, where: str, known: tuple[set[str], set[str]], *, indexed: bool = False
) -> bool:
    """Both ids known; ``indexed`` names each half (``conflicts[4][1]``) rather than the pair."""
    application, expert = pair
    fine = True
    if application not in known[0]:
        reader.fail(item(where, 0) if indexed else where, "unknown_application", MESSAGES, id=application)
        fine = False
    if expert not in known[1]:
        reader.fail(item(where, 1) if indexed else where, "unknown_expert", MESSAGES, id=expert)
        fine = False
    return fine
