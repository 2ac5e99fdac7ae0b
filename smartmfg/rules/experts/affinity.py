"""How well an expert suits an application: the affinity, from 0 to 1 (第九条).

The assignment maximises the total affinity of the pairs it makes, so this
is the one place that says what a good match is:

    affinity = (w_div · [same division] + w_sec · [same section]
                + w_mfg · [same manufacturing type] + w_grp · [the group suits]) / (w_div + w_sec + w_mfg + w_grp)

each bracket 1 when true and 0 when not, and 0 when every weight is 0:

- same division: the application's GB/T 4754-2017 division (``34``) is one
  of the expert's industries;
- same section: its section letter (``C``) is one of the expert's
  industries, or the section of one of the expert's divisions (so an expert
  of the same division counts both);
- same manufacturing type: the application's (``discrete`` or ``process``)
  is one the expert knows;
- the group suits: the expert's group suits the application's tier and its
  manufacturing type (a group with no tiers, or no types, listed suits all).

The weights are the call's policy (``affinity_weight.*``, 50, 20, 20 and 10
by default). The division-to-section table belongs to the enterprises' app
(GB/T 4754 there), which the pure core does not import: callers pass it as
``section_of``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..policy import AffinityWeights

__all__ = ["AffinityWeights", "ExpertFacts", "SubjectFacts", "affinity", "affinity_matrix"]


@dataclass(frozen=True, slots=True)
class ExpertFacts:
    """What affinity knows of an expert.

    ``industries``: GB/T 4754-2017 section letters (``C``) and two-digit
    divisions (``34``); ``manufacturing``: ``discrete`` and/or ``process``;
    ``group_tiers`` and ``group_manufacturing``: the tiers and manufacturing
    types the expert's group suits (empty: all).
    """

    industries: frozenset[str]
    manufacturing: frozenset[str]
    group_tiers: frozenset[str] = frozenset()
    group_manufacturing: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class SubjectFacts:
    """What affinity knows of an application: its enterprise's division and section, manufacturing type, tier."""

    division: str
    section: str
    manufacturing: str
    tier: str


def affinity(
    expert: ExpertFacts, subject: SubjectFacts, weights: AffinityWeights, *, section_of: Mapping[str, str]
) -> float:
    """The affinity of ``expert`` for ``subject`` under ``weights``, from 0 to 1 (the module's formula).

    ``section_of`` maps a division to its section letter (``{"34": "C"}``).
    """
    total = weights.total
    if total == 0:
        return 0.0
    division = subject.division in expert.industries
    section = subject.section in _sections(expert.industries, section_of)
    manufacturing = subject.manufacturing in expert.manufacturing
    group = _suits(expert.group_tiers, subject.tier) and _suits(expert.group_manufacturing, subject.manufacturing)
    score = (
        weights.division * division
        + weights.section * section
        + weights.manufacturing * manufacturing
        + weights.group * group
    )
    return score / total


def affinity_matrix(
    subjects: Sequence[SubjectFacts],
    experts: Sequence[ExpertFacts],
    weights: AffinityWeights,
    *,
    section_of: Mapping[str, str],
) -> npt.NDArray[np.float64]:
    """``affinity`` of every pair at once: one row per subject, one column per expert, in the order given.

    Each term is a table look-up (experts × values, one column picked per
    subject), so 2,000 × 600 takes milliseconds; the values equal ``affinity``'s.
    """
    shape = (len(subjects), len(experts))
    total = weights.total
    if total == 0 or 0 in shape:
        return np.zeros(shape)
    division = _lookup([e.industries for e in experts], [s.division for s in subjects])
    section = _lookup([_sections(e.industries, section_of) for e in experts], [s.section for s in subjects])
    manufacturing = _lookup([e.manufacturing for e in experts], [s.manufacturing for s in subjects])
    tiers = _lookup([e.group_tiers for e in experts], [s.tier for s in subjects], empty_means_all=True)
    types = _lookup([e.group_manufacturing for e in experts], [s.manufacturing for s in subjects], empty_means_all=True)
    score = (
        weights.division * division.astype(np.int64)
        + weights.section * section
        + weights.manufacturing * manufacturing
        + weights.group * (tiers & types)
    )
    result: npt.NDArray[np.float64] = score / total
    return result


def _sections(industries: Iterable[str], section_of: Mapping[str, str]) -> frozenset[str]:
    """The section letters an expert knows: those listed, and those of the divisions listed."""
    return frozenset(section_of.get(code, code) for code in industries)


def _suits(suited: frozenset[str], value: str) -> bool:
    return not suited or value in suited


def _lookup(
    sets: Sequence[frozenset[str]], values: Sequence[str], *, empty_means_all: bool = False
) -> npt.NDArray[np.bool_]:
    """``[subject i's value is in expert j's set]`` as a subjects × experts boolean matrix."""
    vocabulary = {value: index for index, value in enumerate(sorted({*values, *(v for s in sets for v in s)}))}
    table = np.zeros((len(sets), len(vocabulary)), dtype=np.bool_)
    for row, members in enumerate(sets):
        if empty_means_all and not members:
            table[row, :] = True
        else:
            table[row, [vocabulary[m] for m in members]] = True
    columns = np.fromiter((vocabulary[v] for v in values), dtype=np.intp, count=len(values))
    matrix: npt.NDArray[np.bool_] = table[:, columns].T
    return matrix
