"""Conflicts (回避) the platform finds by rule, and when a recorded one is in force (第九条).

The Rules say only that the Department organises experts; the recusal rules
that government review experts follow add what a fair review needs:

- ``same_employer``: the expert's employer is the enterprise (same unified
  social credit code);
- ``local`` (属地回避, a policy switch, off by default): the expert's employer
  is registered in the enterprise's county-level division. A credit code's
  characters 3 to 8 are the division of its registering authority (GB 32100),
  so an employer without a code is never local;
- the organisations an enterprise declared in its application (competitors,
  suppliers, consultants) match an expert's employer by credit code or by
  name, written the same once blanks and bracket widths are set aside;
- ``employment`` and ``governance`` count for the last three years: a record
  that ended longer ago no longer binds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

LOOKBACK_YEARS: Final = 3
DATED_KINDS: Final = frozenset({"employment", "governance"})
_BRACKETS: Final = str.maketrans({"（": "(", "）": ")"})


def normalise_name(name: str) -> str:
    """An organisation's name as compared: no blanks, half-width brackets."""
    return "".join(name.split()).translate(_BRACKETS)


@dataclass(frozen=True, slots=True)
class Organisation:
    """An employer or a declared organisation: its name and, when it has one, its credit code."""

    name: str
    uscc: str = ""

    def matches(self, other: Organisation) -> bool:
        if self.uscc and other.uscc:
            return self.uscc == other.uscc
        return normalise_name(self.name) == normalise_name(other.name)


def detected_kinds(employer_uscc: str, enterprise_uscc: str, enterprise_division: str, *, local: bool) -> list[str]:
    """The conflicts found by rule between an expert's employer and an enterprise."""
    kinds = []
    if employer_uscc and employer_uscc == enterprise_uscc:
        kinds.append("same_employer")
    if local and employer_uscc and employer_uscc[2:8] == enterprise_division:
        kinds.append("local")
    return kinds


def declared_by_enterprise(employer: Organisation, avoided: Iterable[Organisation]) -> bool:
    """Whether the expert's employer is one of the organisations the enterprise asked to avoid."""
    return any(employer.matches(organisation) for organisation in avoided)


def in_force(kind: str, ended_on: dt.date | None, today: dt.date) -> bool:
    """Employment and governance bind for three years after they ended; the rest always."""
    if kind not in DATED_KINDS or ended_on is None:
        return True
    try:
        horizon = today.replace(year=today.year - LOOKBACK_YEARS)
    except ValueError:  # 29 February
        horizon = today.replace(year=today.year - LOOKBACK_YEARS, day=28)
    return ended_on >= horizon
