"""The inputs of a draw: the pool, the codes set aside, the quotas; read from JSON, checked, hashed.

Published, with their digest, before the seed exists (RFC 3797): the digest
is the SHA-256 of their canonical JSON (sorted keys, no spaces, UTF-8).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import InitVar, dataclass, field
from types import MappingProxyType
from typing import Any, Final

from ...schema import FieldError
from ...text import Lang
from ..reading import InvalidInput, Reader, item
from ..reading import field as at

INPUT_FIELDS: Final = ("purpose", "pool", "excluded", "quotas")

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "excluded_unknown": {
        "zh": "回避排除的专家“{code}”不在专家库（pool）中",
        "en": "the excluded expert '{code}' is not in the pool",
    },
    "quota_group": {"zh": "专家库中没有“{group}”组的专家", "en": "the pool has no expert of group '{group}'"},
    "quota_too_large": {
        "zh": "“{group}”组排除回避后可抽取的专家只有{available}名，少于抽取人数{quota}",
        "en": "group '{group}' has {available} experts left once the excluded ones are set aside, "
        "fewer than its quota of {quota}",
    },
}


class InvalidDrawInput(InvalidInput):
    """Inputs, a seed or declines that cannot make a draw; ``problems`` names each one by its JSON path."""


@dataclass(frozen=True, slots=True)
class PoolEntry:
    """An expert of the pool by public code (``ZJ0001``) and group (``财务``, ``智能制造``...)."""

    code: str
    group: str


@dataclass(frozen=True, slots=True)
class DrawInputs:
    """What a draw is made from, frozen before the seed exists.

    ``excluded``: codes set aside for a conflict (回避); ``quotas``: how many
    to draw per group. Construction checks that these make sense together
    (``InvalidDrawInput``): codes unique, excluded codes in the pool, each
    quota for a group of the pool and no larger than its experts left.
    """

    purpose: str
    pool: tuple[PoolEntry, ...]
    excluded: tuple[str, ...] = ()
    quotas: Mapping[str, int] = field(default_factory=dict)
    # Where the inputs sit in a larger document (``inputs``), for the paths of the problems.
    _prefix: InitVar[str] = ""

    def __post_init__(self, _prefix: str) -> None:
        object.__setattr__(self, "pool", tuple(self.pool))
        object.__setattr__(self, "excluded", tuple(self.excluded))
        object.__setattr__(self, "quotas", MappingProxyType(dict(self.quotas)))
        problems = _inconsistencies(self, _prefix)
        if problems:
            raise InvalidDrawInput(problems)

    def to_json(self) -> dict[str, Any]:
        """The JSON object that is published and hashed (``inputs_sha256``)."""
        return {
            "purpose": self.purpose,
            "pool": [{"code": e.code, "group": e.group} for e in self.pool],
            "excluded": list(self.excluded),
            "quotas": dict(self.quotas),
        }

    @classmethod
    def from_json(cls, obj: Any) -> DrawInputs:
        """The inverse of ``to_json``; every problem is reported at once, by path (``pool[3].group``)."""
        return read_inputs(obj, "")

    def group_of(self) -> dict[str, str]:
        return {e.code: e.group for e in self.pool}


def canonical_json(inputs_json: Mapping[str, Any]) -> bytes:
    """The bytes that are hashed: sorted keys, no spaces, UTF-8 (Chinese group names as they are)."""
    text = json.dumps(inputs_json, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def inputs_sha256(inputs_json: Mapping[str, Any]) -> str:
    """The published digest of a draw's inputs (their JSON form, ``DrawInputs.to_json``)."""
    return hashlib.sha256(canonical_json(inputs_json)).hexdigest()


def _inconsistencies(inputs: DrawInputs, prefix: str = "") -> list[FieldError]:
    """What does not fit together in inputs of the right types (paths under ``prefix``: ``inputs.pool[3]``)."""
    reader = Reader()
    pool, excluded = at(prefix, "pool"), at(prefix, "excluded")
    reader.unique([(at(item(pool, i), "code"), e.code) for i, e in enumerate(inputs.pool)])
    reader.unique([(item(excluded, i), code) for i, code in enumerate(inputs.excluded)])
    codes = {e.code for e in inputs.pool}
    for i, code in enumerate(inputs.excluded):
        if code not in codes:
            reader.fail(item(excluded, i), "excluded_unknown", MESSAGES, code=code)
    left_out = set(inputs.excluded)
    for group, quota in inputs.quotas.items():
        path = at(at(prefix, "quotas"), group)
        members = {e.code for e in inputs.pool if e.group == group}
        available = len(members - left_out)
        if not members:
            reader.fail(path, "quota_group", MESSAGES, group=group)
        elif quota < 0:
            reader.fail(path, "negative", value=quota)
        elif quota > available:
            reader.fail(path, "quota_too_large", MESSAGES, group=group, available=available, quota=quota)
    return reader.errors


def read_inputs(obj: Any, prefix: str) -> DrawInputs:
    """``DrawInputs`` from JSON; each problem's path starts with ``prefix`` (``inputs`` in a document)."""
    reader = Reader()
    value = reader.obj(obj, prefix, INPUT_FIELDS)
    if value is None:
        raise InvalidDrawInput(reader.errors)
    purpose = reader.text(value.get("purpose"), at(prefix, "purpose")) if "purpose" in value else None
    pool = _read_pool(reader, value.get("pool", []), at(prefix, "pool"))
    excluded = read_codes(reader, value.get("excluded", []), at(prefix, "excluded"))
    quotas = _read_quotas(reader, value.get("quotas", {}), at(prefix, "quotas"))
    if reader.errors or purpose is None or pool is None or excluded is None or quotas is None:
        raise InvalidDrawInput(reader.errors)
    return DrawInputs(purpose, pool, excluded, quotas, _prefix=prefix)


def _read_pool(reader: Reader, raw: Any, path: str) -> tuple[PoolEntry, ...] | None:
    entries = reader.array(raw, path)
    if entries is None:
        return None
    pool = []
    for i, entry in enumerate(entries):
        where = item(path, i)
        obj = reader.obj(entry, where, ("code", "group"))
        if obj is None:
            continue
        code = reader.text(obj.get("code"), at(where, "code")) if "code" in obj else None
        group = reader.text(obj.get("group"), at(where, "group")) if "group" in obj else None
        if code is not None and group is not None:
            pool.append(PoolEntry(code, group))
    return tuple(pool)


def read_codes(reader: Reader, raw: Any, path: str) -> tuple[str, ...] | None:
    """An array of codes (``excluded``, a document's ``selected``), the bad ones noted and left out."""
    codes = reader.array(raw, path)
    if codes is None:
        return None
    return tuple(code for i, c in enumerate(codes) if (code := reader.text(c, item(path, i))) is not None)


def _read_quotas(reader: Reader, raw: Any, path: str) -> dict[str, int] | None:
    quotas = reader.mapping(raw, path)
    if quotas is None:
        return None
    read = {}
    for group, count in quotas.items():
        whole = reader.whole(count, at(path, group))
        if whole is not None:
            read[group] = whole
    return read
