"""The draw itself: tickets, each group's queue, the selection and the replacement of declines."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from ...schema import FieldError
from ...text import Lang, Text
from ..reading import item
from .inputs import DrawInputs, InvalidDrawInput

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "seed": {"zh": "随机种子应为非空文本", "en": "the seed must be non-empty text"},
    "not_drawn": {
        "zh": "“{code}”此时尚未被抽中，不能谢绝",
        "en": "'{code}' had not been drawn at that point and cannot decline",
    },
    "declined_twice": {"zh": "“{code}”已经谢绝过", "en": "'{code}' has declined already"},
}


@dataclass(frozen=True, slots=True)
class Replacement:
    """``declined`` said no; ``replacement`` (None when the group had nobody left) takes the place."""

    declined: str
    replacement: str | None
    group: str


@dataclass(frozen=True, slots=True)
class DrawResult:
    """``selected`` per group in sorted order, each in ticket order; the replacements in the order of the declines;
    ``serving``: everyone drawn who has not declined, in the order drawn."""

    selected: tuple[str, ...]
    replacements: tuple[Replacement, ...]
    serving: tuple[str, ...]

    @property
    def drawn(self) -> tuple[str, ...]:
        """Everyone drawn, declined or not, in the order drawn."""
        return self.selected + tuple(r.replacement for r in self.replacements if r.replacement is not None)


def ticket(seed: str, code: str) -> str:
    """An expert's ticket in a draw: the SHA-256 of ``seed + ":" + code``, in hex (lowest drawn first)."""
    return hashlib.sha256(f"{seed}:{code}".encode()).hexdigest()


def new_platform_seed() -> str:
    """A seed drawn by the platform: 32 random bytes from the system's secure source, in hex."""
    return secrets.token_hex(32)


def queue(inputs: DrawInputs, seed: str, group: str) -> list[str]:
    """The group's experts not excluded, lowest ticket first: the order in which they are drawn."""
    excluded = set(inputs.excluded)
    codes = [e.code for e in inputs.pool if e.group == group and e.code not in excluded]
    return sorted(codes, key=lambda code: (ticket(seed, code), code))


def next_replacement(inputs: DrawInputs, seed: str, drawn: Iterable[str], group: str) -> str | None:
    """The next of ``group`` to draw when ``drawn`` have been: the lowest ticket not drawn yet, or None.

    The same answer ``draw`` gives for one more decline in that group, since a
    draw always takes a group's queue from its start. ``draw(inputs, seed,
    declined)`` stays the record: store each decline as it happens and draw again.
    """
    taken = set(drawn)
    return next((code for code in queue(inputs, seed, group) if code not in taken), None)


def draw(inputs: DrawInputs, seed: str, declined: Sequence[str] = ()) -> DrawResult:
    """The draw of ``inputs`` under ``seed``, with ``declined`` replaced in the order given.

    Each code of ``declined`` must have been drawn by then (selected, or an
    earlier replacement) and decline once; otherwise ``InvalidDrawInput``
    names it (``declined[2]``).
    """
    _check_seed(seed)
    try:
        return run(inputs, seed, declined)
    except BadDecline as bad:
        raise InvalidDrawInput([FieldError(item("declined", bad.index), bad.message)]) from None


class BadDecline(Exception):
    """``declined[index]`` cannot decline: not drawn by then, or declined already."""

    def __init__(self, index: int, message: Text) -> None:
        super().__init__(message.render("en"))
        self.index = index
        self.message = message


def run(inputs: DrawInputs, seed: str, declined: Sequence[str]) -> DrawResult:
    """``draw`` without the checks of its arguments, raising ``BadDecline`` (the index of the decline at fault)."""
    queues = {group: queue(inputs, seed, group) for group in sorted(inputs.quotas)}
    taken = dict(inputs.quotas)
    selected = tuple(code for group, codes in queues.items() for code in codes[: taken[group]])
    group_of = inputs.group_of()
    drawn, gone = list(selected), set[str]()
    replacements = []
    for index, code in enumerate(declined):
        if code in gone:
            raise BadDecline(index, Text(MESSAGES, "declined_twice", {"code": code}))
        if code not in drawn:
            raise BadDecline(index, Text(MESSAGES, "not_drawn", {"code": code}))
        group = group_of[code]
        codes = queues[group]
        replacement = codes[taken[group]] if taken[group] < len(codes) else None
        taken[group] += 1
        gone.add(code)
        if replacement is not None:
            drawn.append(replacement)
        replacements.append(Replacement(code, replacement, group))
    serving = tuple(code for code in drawn if code not in gone)
    return DrawResult(selected, tuple(replacements), serving)


def _check_seed(seed: Any) -> None:
    if not isinstance(seed, str) or not seed:
        raise InvalidDrawInput([FieldError("seed", Text(MESSAGES, "seed"))])
