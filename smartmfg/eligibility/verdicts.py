"""Keeping the stored verdict columns in step, and what a change of policy would change.

The verdict shown on a page is always judged afresh; the stored columns
serve lists and filters. They are refreshed when an application is edited,
when a record about its enterprise is added, and when its call's policy
changes. Submitted applications keep the verdict of their application date.

``what_if`` judges a call's applications under the call's policy and under a
proposed one, and lists those whose verdict would change, both ways, with
counts per tier and per region, before anything is saved (第十四条: the
parameters may be adjusted; the Department sees the effect first).
Everything here reads the facts with ``bulk.load``: a handful of queries for
a whole call, never one per application.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, Literal

from django.db.models import QuerySet

from smartmfg.applications.models import Application
from smartmfg.calls.models import Call
from smartmfg.eligibility import bulk
from smartmfg.jurisdictions.models import Jurisdiction
from smartmfg.rules.engine import Verdict, judge
from smartmfg.rules.facts import TIERS
from smartmfg.rules.policy import DEFAULT_POLICY, Policy
from smartmfg.rules.schema import FieldError, InvalidApplication, load_documents, parse_application
from smartmfg.rules.text import Lang, Text

VERDICT_FIELDS: Final = ("verdict_eligible", "verdict_track", "verdict_results", "eligible_investment")
BATCH: Final = 500

# ------------------------------------------------- judging supplied documents


def documents_of(text: str | bytes, source: str) -> Iterator[tuple[str, Any]]:
    """``(name, document)`` for each document of an import-format file: ``source`` for a
    single object, ``source[2]`` for the third of an array.

    Raises ``InvalidApplication`` when the file itself is not JSON holding one
    object or an array of them.
    """
    documents = load_documents(text)
    stripped = text.lstrip() if isinstance(text, str) else text.lstrip().decode("utf-8", "replace")
    single = stripped.startswith("{")
    for index, document in enumerate(documents):
        yield (source if single else f"{source}[{index}]"), document


@dataclass(frozen=True)
class Judged:
    """One supplied document: its verdict, or every problem with its path."""

    source: str
    verdict: Verdict | None = None
    errors: tuple[FieldError, ...] = ()

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """``{"source", "tier", "eligible", "track", "eligible_investment", "checks"}``: the command's
        ``--json`` line and the API's answer."""
        assert self.verdict is not None
        return {"source": self.source, **self.verdict.to_dict(lang)}


MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "too_many": {
        "zh": "一次最多判定{limit}项申报，实际为{count}项",
        "en": "at most {limit} applications can be judged at once, not {count}",
    },
}


def judge_documents(
    text: str | bytes, source: str, policy: Policy = DEFAULT_POLICY, *, limit: int | None = None
) -> list[Judged]:
    """Judge every document of a file; the invalid ones are reported, the valid ones judged all the same.

    Nothing is stored: this is the calculator behind ``smartmfg eligibility``
    and ``POST /api/v1/eligibility``. More than ``limit`` documents is one
    error for the whole file.
    """
    try:
        documents = list(documents_of(text, source))
    except InvalidApplication as invalid:
        return [Judged(source, errors=tuple(invalid.errors))]
    if limit is not None and len(documents) > limit:
        error = FieldError("", Text(MESSAGES, "too_many", {"limit": limit, "count": len(documents)}))
        return [Judged(source, errors=(error,))]
    judged = []
    for name, document in documents:
        try:
            facts = parse_application(document)
        except InvalidApplication as invalid:
            judged.append(Judged(name, errors=tuple(invalid.errors)))
        else:
            judged.append(Judged(name, verdict=judge(facts, policy)))
    return judged


# ------------------------------------------------------------------- what-if

Kind = Literal["newly_eligible", "newly_ineligible", "track_changed"]
KINDS: Final[tuple[Kind, ...]] = ("newly_eligible", "newly_ineligible", "track_changed")
KIND_LABELS: Final[dict[str, dict[Lang, str]]] = {
    "newly_eligible": {"zh": "变为符合条件", "en": "newly eligible"},
    "newly_ineligible": {"zh": "变为不符合条件", "en": "newly ineligible"},
    "track_changed": {"zh": "认定/培育路径变化", "en": "track changed"},
}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a verdict says in short: eligible or not, on which track, how much investment counted."""

    eligible: bool
    track: str | None
    eligible_investment: Decimal

    @classmethod
    def of(cls, verdict: Verdict) -> Outcome:
        return cls(verdict.eligible, verdict.track, verdict.eligible_investment)


@dataclass(frozen=True, slots=True)
class Change:
    """One application whose verdict would change, and the rules whose result would change."""

    pk: int
    reference: str
    enterprise_name: str
    tier: str
    region: str
    kind: Kind
    before: Outcome
    after: Outcome
    rules: tuple[tuple[str, str, str], ...]  # (rule, result before, result after)


@dataclass(frozen=True, slots=True)
class Region:
    key: str
    name: str


@dataclass(frozen=True)
class WhatIf:
    """The effect of a proposed policy on a set of applications."""

    judged: int
    changes: tuple[Change, ...]
    regions: tuple[Region, ...]
    diff: tuple[tuple[str, str, str], ...]  # (parameter, current, proposed)
    _counts: Counter[tuple[str, str, str]] = field(default_factory=Counter, repr=False)

    def count(self, kind: str, *, tier: str = "", region: str = "") -> int:
        """How many changes of ``kind`` (all, or in one tier, or in one region)."""
        return self._counts[(kind, tier, region)]

    @property
    def changed(self) -> int:
        return len(self.changes)

    def by_tier(self) -> list[tuple[str, list[int]]]:
        """``[(tier, [count per kind])]`` for every tier, in the ladder's order."""
        return [(tier, [self.count(kind, tier=tier) for kind in KINDS]) for tier in TIERS]

    def by_region(self) -> list[tuple[Region, list[int]]]:
        """``[(region, [count per kind])]`` for every region with at least one change."""
        return [(region, [self.count(kind, region=region.key) for kind in KINDS]) for region in self.regions]

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """The JSON form the command prints with ``--json``."""
        return {
            "judged": self.judged,
            "changed": self.changed,
            "parameters": [{"name": n, "current": a, "proposed": b} for n, a, b in self.diff],
            "counts": {kind: self.count(kind) for kind in KINDS},
            "by_tier": {tier: dict(zip(KINDS, counts, strict=True)) for tier, counts in self.by_tier()},
            "by_region": {r.name: dict(zip(KINDS, counts, strict=True)) for r, counts in self.by_region()},
            "changes": [_change_dict(c) for c in self.changes],
        }


def entered_procedure(call: Call) -> QuerySet[Application]:
    """A call's applications that were submitted at least once (drafts are still the enterprise's own)."""
    return Application.objects.filter(call=call, submission_count__gt=0)


def what_if(call: Call, proposed: Policy, *, applications: QuerySet[Application] | None = None) -> WhatIf:
    """Judge ``applications`` (default: ``entered_procedure(call)``) under the call's policy and ``proposed``.

    Nothing is written. Each application is judged as of its own
    application date, exactly as the stored verdict is.
    """
    current = call.get_policy()
    loaded = bulk.load(applications if applications is not None else entered_procedure(call))
    regions = _regions()
    changes = []
    with bulk.paused_gc():
        for item in loaded:
            before, after = judge(item.facts, current), judge(item.facts, proposed)
            kind = _kind(before, after)
            if kind is not None:
                region = regions.get(item.stored.jurisdiction_id, Region("", ""))
                changes.append(_change(item.stored, kind, before, after, region.key))
    return _summary(len(loaded), changes, regions, tuple(current.diff(proposed)))


def _kind(before: Verdict, after: Verdict) -> Kind | None:
    if before.eligible != after.eligible:
        return "newly_eligible" if after.eligible else "newly_ineligible"
    if before.track != after.track:
        return "track_changed"
    return None


def _change(stored: bulk.Stored, kind: Kind, before: Verdict, after: Verdict, region: str) -> Change:
    rules = tuple(
        (b.rule, b.result, a.result) for b, a in zip(before.checks, after.checks, strict=True) if b.result != a.result
    )
    return Change(
        pk=stored.pk,
        reference=stored.reference,
        enterprise_name=stored.enterprise_name,
        tier=stored.tier,
        region=region,
        kind=kind,
        before=Outcome.of(before),
        after=Outcome.of(after),
        rules=rules,
    )


def _summary(
    judged: int, changes: list[Change], regions: Mapping[int, Region], diff: tuple[tuple[str, str, str], ...]
) -> WhatIf:
    counts: Counter[tuple[str, str, str]] = Counter()
    for change in changes:
        counts[(change.kind, "", "")] += 1
        counts[(change.kind, change.tier, "")] += 1
        counts[(change.kind, "", change.region)] += 1
    touched = {change.region for change in changes}
    shown = sorted({r for r in regions.values() if r.key in touched}, key=lambda r: r.key)
    return WhatIf(judged, tuple(changes), tuple(shown), diff, counts)


def _regions() -> dict[int, Region]:
    """Each jurisdiction's region: the bureau directly under the Department that it belongs to.

    That is the prefecture (市、州) for most; 梅河口市 and 长白山 report to the
    Department themselves and are regions of their own.
    """
    nodes = list(Jurisdiction.objects.values_list("pk", "key", "path", "area"))
    area_by_key = {key: area for _pk, key, _path, area in nodes}
    regions = {}
    for pk, key, path, area in nodes:
        parts = [part for part in path.split("/") if part]
        top = parts[1] if len(parts) > 1 else key
        regions[pk] = Region(top, area_by_key.get(top, area))
    return regions


def _change_dict(change: Change) -> dict[str, Any]:
    return {
        "id": change.pk,
        "reference": change.reference,
        "enterprise": change.enterprise_name,
        "tier": change.tier,
        "region": change.region,
        "kind": change.kind,
        "before": _outcome_dict(change.before),
        "after": _outcome_dict(change.after),
        "rules": [{"rule": r, "before": b, "after": a} for r, b, a in change.rules],
    }


def _outcome_dict(outcome: Outcome) -> dict[str, Any]:
    return {
        "eligible": outcome.eligible,
        "track": outcome.track,
        "eligible_investment": f"{outcome.eligible_investment:.2f}",
    }


def region_names(regions: Iterable[Region]) -> dict[str, str]:
    return {r.key: r.name for r in regions}
