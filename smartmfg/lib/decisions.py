"""A decision with its reason: what every permission predicate and workflow guard returns."""

from __future__ import annotations

from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise


class Decision(NamedTuple):
    """Whether something may be done; if not, why (``details``: one line per thing in the way, for a list)."""

    allowed: bool
    reason: str | Promise = ""
    details: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason: str | Promise, details: tuple[str, ...] = ()) -> Decision:
    return Decision(False, reason, details)


def require(decision: Decision) -> None:
    """Raise ``PermissionDenied`` with the reason when the decision is a refusal."""
    if not decision.allowed:
        raise PermissionDenied(str(decision.reason))
