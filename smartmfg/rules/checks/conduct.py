"""The applicant's record: operations, unlawful acts, major problems (第四条)
and the ban after a revocation for fraud (第十二条)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

from ..articles import ARTICLE_4, ARTICLE_12
from ..facts import INCIDENT_KIND_LABELS, ApplicationFacts, Revocation
from ..policy import Policy
from ..text import Day, Lang, Lazy, Text
from ..windows import shift_years
from .common import Check, describes, join

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "local_review": {
        "zh": "企业生产运营和财务状况是否良好，须由属地工信部门在初审时核实判断",
        "en": "whether production, operations and finances are in good order is judged by the local "
        "bureau at the initial review",
    },
    "judged_pass": {
        "zh": "属地工信部门初审判断：企业生产运营和财务状况良好{note}",
        "en": "judged by the local bureau at the initial review: production, operations and finances in "
        "good order{note}",
    },
    "judged_fail": {
        "zh": "属地工信部门初审判断：企业生产运营和财务状况不符合要求{note}",
        "en": "judged by the local bureau at the initial review: production, operations and finances not "
        "in good order{note}",
    },
    "no_violations": {
        "zh": "近{years}年（{start}至{end}）没有违法行为记录",
        "en": "no unlawful act on record in the last {years} years ({start} to {end})",
    },
    "violations": {
        "zh": "近{years}年（{start}至{end}）有{count}条违法行为记录：{records}",
        "en": "{count} unlawful act(s) on record in the last {years} years ({start} to {end}): {records}",
    },
    "no_incidents": {
        "zh": "近{years}年（{start}至{end}）未发生安全、质量或环境等方面的重大问题",
        "en": "no major safety, quality or environmental problem in the last {years} years ({start} to {end})",
    },
    "incidents": {
        "zh": "近{years}年（{start}至{end}）发生{count}起重大问题：{records}",
        "en": "{count} major problem(s) in the last {years} years ({start} to {end}): {records}",
    },
    "not_banned": {
        "zh": "近{years}年（{start}至{end}）没有因弄虚作假被撤销认定的记录",
        "en": "no recognition revoked for fraud in the last {years} years ({start} to {end})",
    },
    "ban_in_force": {
        "zh": "根据第十二条，本企业于{revoked}因弄虚作假被撤销认定，{years}年内不再受理其认定申请："
        "至{until}（含）不受理",
        "en": "under Art. 12, a recognition of this enterprise was revoked for fraud on {revoked}: no application "
        "of it is accepted for {years} years, until {until} inclusive",
    },
    "banned": {
        "zh": "{records}；因弄虚作假被撤销认定的企业{years}年内不再受理其认定申请，至{until}（含）不受理",
        "en": "{records}; no application is accepted from an enterprise within {years} years of a "
        "revocation for fraud: none until {until} inclusive",
    },
}

# Always the same, so built once: the local bureau judges it (第八条).
_OPERATIONS: Final = Check("operations_finance", ARTICLE_4, "manual", "local_review")


def operations_finance(facts: ApplicationFacts, policy: Policy) -> Check:
    """第四条: production, operations and finances in good order.

    ``manual`` until the local bureau judges it at the initial review; then
    its judgement (the latest one counts).
    """
    judged = facts.judgement("operations_finance")
    if judged is None:
        return _OPERATIONS
    return Check("operations_finance", ARTICLE_4, judged.result, f"judged_{judged.result}", {"note": judged.note})


def no_violations(facts: ApplicationFacts, policy: Policy) -> Check:
    """第四条: no unlawful act (违法行为) in the last ``violation_window_years`` years."""
    end = facts.records_until
    start = shift_years(facts.applied_on, -policy.violation_window_years)
    records = _inside(start, end, [(n, v.date, v.description) for n, v in enumerate(facts.violations, 1)])
    data = _window_data(policy.violation_window_years, start, end, records)
    if records:
        return Check("no_violations", ARTICLE_4, "fail", "violations", data)
    return Check("no_violations", ARTICLE_4, "pass", "no_violations", data)


def no_major_incidents(facts: ApplicationFacts, policy: Policy) -> Check:
    """第四条: no major safety, quality or environmental problem in the last
    ``incident_window_years`` years."""
    end = facts.records_until
    start = shift_years(facts.applied_on, -policy.incident_window_years)
    records = _inside(start, end, [(n, i.date, i.description, i.kind) for n, i in enumerate(facts.major_incidents, 1)])
    data = _window_data(policy.incident_window_years, start, end, records)
    if records:
        return Check("no_major_incidents", ARTICLE_4, "fail", "incidents", data)
    return Check("no_major_incidents", ARTICLE_4, "pass", "no_incidents", data)


def not_banned(facts: ApplicationFacts, policy: Policy) -> Check:
    """第十二条: no recognition of the enterprise revoked for fraud in the last
    ``ban_years`` years (a revocation on the same calendar day ``ban_years``
    earlier still bans)."""
    end = facts.records_until
    start = shift_years(facts.applied_on, -policy.ban_years)
    records = _inside(start, end, [(n, r.date, r.reason) for n, r in enumerate(facts.revocations, 1)])
    data = _window_data(policy.ban_years, start, end, records)
    if records:
        data["until"] = max(ban_ends_on(record[1], policy.ban_years) for record in records)
        return Check("not_banned", ARTICLE_12, "fail", "banned", data)
    return Check("not_banned", ARTICLE_12, "pass", "not_banned", data)


def ban_ends_on(revoked_on: dt.date, years: int) -> dt.date:
    """第十二条: the last day on which a revocation of ``revoked_on`` still bans (三年内不再受理).

    The same calendar day ``years`` later, as the window counts back; after
    a revocation of 28 February the leap day that follows is banned too,
    since its window still reaches back to that day.
    """
    end = shift_years(revoked_on, years)
    while shift_years(end + dt.timedelta(days=1), -years) <= revoked_on:
        end += dt.timedelta(days=1)
    return end


def ban_in_force(revocations: tuple[Revocation, ...], on: dt.date, policy: Policy) -> Text | None:
    """第十二条: why no application of the enterprise is accepted on ``on``, with the day the ban ends;
    None when it may apply."""
    bans = [(ban_ends_on(r.date, policy.ban_years), r.date) for r in revocations if r.date <= on]
    bans = [(until, revoked) for until, revoked in bans if until >= on]
    if not bans:
        return None
    until, revoked = max(bans)
    return Text(MESSAGES, "ban_in_force", {"revoked": Day(revoked), "until": Day(until), "years": policy.ban_years})


def _inside(start: dt.date, end: dt.date, records: list[tuple[Any, ...]]) -> tuple[tuple[Any, ...], ...]:
    """The records (``(item number, date, ...)``) dated from ``start`` to ``end``, both included."""
    if not records:  # the usual case: nothing on record
        return ()
    return tuple(record for record in records if start <= record[1] <= end)


def _window_data(years: int, start: dt.date, end: dt.date, records: tuple[Any, ...]) -> dict[str, Any]:
    """The figures of a window rule: ``records`` are ``(item number, date, text[, kind])`` inside it."""
    return {"years": years, "start": start, "end": end, "count": len(records), "records": records}


@describes("operations_finance", "no_violations", "no_major_incidents", "not_banned")
def _describe(reason: str, data: Mapping[str, Any]) -> Text:
    params = dict(data)
    if data.get("records"):
        params["records"] = Lazy(_RECORDS[reason], (data["records"],))
    if "until" in data:
        params["until"] = Day(data["until"])
    if "note" in data:
        params["note"] = Lazy(_note, (data["note"],))
    return Text(MESSAGES, reason, params)


def _note(lang: Lang, note: str) -> str:
    if not note:
        return ""
    return f"（{note}）" if lang == "zh" else f" ({note})"


def _violations(lang: Lang, records: tuple[Any, ...]) -> str:
    return join(lang, [f"{day} {text}" for _, day, text in records])


def _incidents(lang: Lang, records: tuple[Any, ...]) -> str:
    kinds = INCIDENT_KIND_LABELS
    if lang == "zh":
        return join(lang, [f"{day}（{kinds[kind]['zh']}问题）{text}" for _, day, text, kind in records])
    return join(lang, [f"{day} ({kinds[kind]['en']}) {text}" for _, day, text, kind in records])


def _revocations(lang: Lang, records: tuple[Any, ...]) -> str:
    if lang == "zh":
        return join(lang, [f"{day}因弄虚作假被撤销认定（{text}）" for _, day, text in records])
    return join(lang, [f"recognition revoked for fraud on {day} ({text})" for _, day, text in records])


_RECORDS: Final = {"violations": _violations, "incidents": _incidents, "banned": _revocations}
