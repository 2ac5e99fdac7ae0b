"""The verifiable draw (smartmfg-draw-1): the fixed algorithm, consistency, declines, the published document."""

from __future__ import annotations

import copy
import hashlib
import json
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from smartmfg.rules.experts import draw as draw_module
from smartmfg.rules.experts.draw import (
    ALGORITHM,
    DrawInputs,
    InvalidDrawInput,
    PoolEntry,
    Replacement,
    draw,
    draw_document,
    inputs_sha256,
    new_platform_seed,
    next_replacement,
    queue,
    ticket,
    verify_document,
)

SEED = "9f2c1a7e5b3d4c6f8a0e1b2d3c4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f"
POOL = [
    ("ZJ0001", "智能制造"),
    ("ZJ0002", "智能制造"),
    ("ZJ0003", "财务"),
    ("ZJ0004", "智能制造"),
    ("ZJ0005", "财务"),
    ("ZJ0006", "智能制造"),
    ("ZJ0007", "财务"),
    ("ZJ0008", "智能制造"),
    ("ZJ0009", "财务"),
    ("ZJ0010", "管理"),
]
INPUTS_JSON = {
    "purpose": "2026年度智能工厂评审",
    "pool": [{"code": code, "group": group} for code, group in POOL],
    "excluded": ["ZJ0004"],
    "quotas": {"智能制造": 3, "财务": 2},
}


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The fixed algorithm ------------------------------------------------------------------


def test_a_literal_draw_matches_an_independent_computation() -> None:
    inputs = DrawInputs.from_json(INPUTS_JSON)
    # Computed here with hashlib alone: each group (sorted), the lowest tickets of those not excluded.
    expected = []
    for group in sorted(INPUTS_JSON["quotas"]):
        codes = [c for c, g in POOL if g == group and c != "ZJ0004"]
        expected += sorted(codes, key=lambda c: sha256_hex(f"{SEED}:{c}"))[: INPUTS_JSON["quotas"][group]]
    result = draw(inputs, SEED)
    assert list(result.selected) == expected == ["ZJ0006", "ZJ0002", "ZJ0008", "ZJ0007", "ZJ0005"]
    assert ticket(SEED, "ZJ0006") == sha256_hex(f"{SEED}:ZJ0006")
    assert ticket(SEED, "ZJ0006").startswith("426dd892f455")
    assert result.replacements == () and result.serving == result.selected


def test_the_digest_is_of_the_canonical_json() -> None:
    canonical = json.dumps(INPUTS_JSON, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert inputs_sha256(INPUTS_JSON) == sha256_hex(canonical)
    assert inputs_sha256(INPUTS_JSON) == "7ac172a3b0cd25d8bfe6b5e24d6348e319c8a22cc00caeed98bd3713e6e0d66a"
    assert inputs_sha256(DrawInputs.from_json(INPUTS_JSON).to_json()) == inputs_sha256(INPUTS_JSON)


def test_declines_are_replaced_by_the_next_ticket_of_the_group() -> None:
    inputs = DrawInputs.from_json(INPUTS_JSON)
    result = draw(inputs, SEED, ["ZJ0006", "ZJ0007"])
    assert result.replacements == (
        Replacement("ZJ0006", "ZJ0001", "智能制造"),
        Replacement("ZJ0007", "ZJ0009", "财务"),
    )
    assert result.serving == ("ZJ0002", "ZJ0008", "ZJ0005", "ZJ0001", "ZJ0009")
    # The replacement declines too: 智能制造 has nobody left (ZJ0004 is excluded).
    exhausted = draw(inputs, SEED, ["ZJ0006", "ZJ0001"])
    assert exhausted.replacements[1] == Replacement("ZJ0001", None, "智能制造")
    assert exhausted.serving == ("ZJ0002", "ZJ0008", "ZJ0007", "ZJ0005")


def test_a_decline_must_be_of_someone_drawn_once() -> None:
    inputs = DrawInputs.from_json(INPUTS_JSON)
    for declined, message in [
        (["ZJ0001"], "declined[0]: 'ZJ0001' had not been drawn"),
        (["ZJ0004"], "declined[0]: 'ZJ0004' had not been drawn"),
        (["ZJ0006", "ZJ0006"], "declined[1]: 'ZJ0006' has declined already"),
        (["ZJ0002", "ZJ0003"], "declined[1]: 'ZJ0003' had not been drawn"),
    ]:
        with pytest.raises(InvalidDrawInput) as raised:
            draw(inputs, SEED, declined)
        assert raised.value.render("en").startswith(message)
    # A replacement can decline once drawn.
    assert draw(inputs, SEED, ["ZJ0006", "ZJ0001"]).replacements[1].declined == "ZJ0001"


def test_next_replacement_is_what_draw_gives() -> None:
    inputs = DrawInputs.from_json(INPUTS_JSON)
    drawn = draw(inputs, SEED).selected
    assert next_replacement(inputs, SEED, drawn, "智能制造") == "ZJ0001"
    assert next_replacement(inputs, SEED, [*drawn, "ZJ0001"], "智能制造") is None
    assert next_replacement(inputs, SEED, set(drawn), "财务") == "ZJ0009"


def test_the_seed_is_text() -> None:
    inputs = DrawInputs.from_json(INPUTS_JSON)
    with pytest.raises(InvalidDrawInput, match="seed"):
        draw(inputs, "")
    seed = new_platform_seed()
    assert re.fullmatch(r"[0-9a-f]{64}", seed) and seed != new_platform_seed()


def reference_rerun():
    """The reference implementation of the module's docstring, as published, run as it is."""
    block = draw_module.__doc__.split("::\n", 1)[1].split("\n\n(", 1)[0]
    namespace: dict[str, object] = {}
    exec(compile("\n".join(line[4:] for line in block.splitlines()), "reference", "exec"), namespace)
    return namespace["rerun"]


def test_the_published_reference_implementation_agrees() -> None:
    rerun = reference_rerun()
    doc = draw_document(DrawInputs.from_json(INPUTS_JSON), SEED, "test", ["ZJ0006", "ZJ0001", "ZJ0007"])
    assert rerun(doc) == (doc["selected"], doc["replacements"])


# Reading the inputs ------------------------------------------------------------------


def problems_of(obj: object) -> list[str]:
    with pytest.raises(InvalidDrawInput) as raised:
        DrawInputs.from_json(obj)
    return [p.render("en") for p in raised.value.problems]


def with_(**changes: object) -> dict[str, object]:
    obj = copy.deepcopy(INPUTS_JSON)
    obj.update(changes)
    return obj


@pytest.mark.parametrize(
    ("obj", "expected"),
    [
        ([], "must be a JSON object"),
        ({"purpose": "x", "pool": []}, "excluded: is missing"),
        (with_(extra=1), "extra: is not a field"),
        (with_(purpose=""), "purpose: must be non-empty text"),
        (with_(pool={}), "pool: must be an array"),
        (with_(pool=[{"code": "A"}]), "pool[0].group: is missing"),
        (with_(pool=[*INPUTS_JSON["pool"], {"code": "ZJ0011", "group": 3}]), "pool[10].group: must be non-empty text"),
        (with_(pool=[*INPUTS_JSON["pool"], {"code": "ZJ0011", "group": "x", "y": 1}]), "pool[10].y: is not a field"),
        (with_(excluded="ZJ0004"), "excluded: must be an array"),
        (with_(quotas=[]), "quotas: must be a JSON object"),
        (with_(quotas={"财务": "2"}), "quotas.财务: must be a whole number, not '2'"),
        (with_(quotas={"财务": True}), "quotas.财务: must be a whole number, not 'true'"),
        (with_(quotas={"财务": 2.0}), "quotas.财务: must be a whole number"),
        (with_(quotas={"财务": -1}), "quotas.财务: cannot be negative (-1)"),
        (
            with_(pool=[*INPUTS_JSON["pool"], {"code": "ZJ0003", "group": "管理"}]),
            "pool[10].code: 'ZJ0003' is already pool[2].code",
        ),
        (with_(excluded=["ZJ0004", "ZJ0004"]), "excluded[1]: 'ZJ0004' is already excluded[0]"),
        (with_(excluded=["ZJ0099"]), "excluded[0]: the excluded expert 'ZJ0099' is not in the pool"),
        (with_(quotas={"法律": 1}), "quotas.法律: the pool has no expert of group '法律'"),
        (
            with_(quotas={"智能制造": 5}),
            "quotas.智能制造: group '智能制造' has 4 experts left once the excluded ones are set aside, "
            "fewer than its quota of 5",
        ),
    ],
)
def test_malformed_inputs_are_named_by_path(obj: object, expected: str) -> None:
    assert any(expected in found for found in problems_of(obj)), problems_of(obj)


def test_every_problem_is_reported_at_once_in_both_languages() -> None:
    obj = with_(purpose=1, pool=[{"code": "", "group": "x"}], quotas={"x": "1"})
    with pytest.raises(InvalidDrawInput) as raised:
        DrawInputs.from_json(obj)
    assert [p.path for p in raised.value.problems] == ["purpose", "pool[0].code", "quotas.x"]
    assert "quotas.x: 应为整数" in raised.value.render("zh")


def test_inputs_built_by_hand_are_checked_and_frozen() -> None:
    with pytest.raises(InvalidDrawInput, match="财务"):
        DrawInputs("x", (PoolEntry("A", "技术"),), (), {"财务": 1})
    quotas = {"技术": 1}
    inputs = DrawInputs("x", (PoolEntry("A", "技术"),), (), quotas)
    quotas["技术"] = 5
    assert inputs.quotas == {"技术": 1}
    assert DrawInputs.from_json(inputs.to_json()) == inputs


# Properties ----------------------------------------------------------------------------

GROUPS = ["技术", "财务", "管理"]


@st.composite
def instances(draw_: st.DrawFn) -> tuple[DrawInputs, str]:
    n = draw_(st.integers(1, 30))
    groups = draw_(st.lists(st.sampled_from(GROUPS), min_size=n, max_size=n))
    pool = tuple(PoolEntry(f"ZJ{i:04d}", g) for i, g in enumerate(groups))
    excluded = tuple(draw_(st.sets(st.sampled_from([e.code for e in pool]))))
    quotas = {}
    for group in sorted(set(groups)):
        left = sum(1 for e in pool if e.group == group and e.code not in excluded)
        if draw_(st.booleans()):
            quotas[group] = draw_(st.integers(0, left))
    seed = draw_(st.text(min_size=1, max_size=20))
    return DrawInputs("property", pool, excluded, quotas), seed


def by_group(inputs: DrawInputs, codes: tuple[str, ...] | list[str]) -> dict[str, list[str]]:
    group_of = inputs.group_of()
    grouped: dict[str, list[str]] = {}
    for code in codes:
        grouped.setdefault(group_of[code], []).append(code)
    return grouped


@given(instances())
def test_quotas_are_met_nobody_excluded_and_each_group_in_ticket_order(instance: tuple[DrawInputs, str]) -> None:
    inputs, seed = instance
    selected = draw(inputs, seed).selected
    assert not set(selected) & set(inputs.excluded)
    assert len(set(selected)) == len(selected)
    grouped = by_group(inputs, selected)
    for group, quota in inputs.quotas.items():
        assert len(grouped.get(group, [])) == quota
        assert grouped.get(group, []) == queue(inputs, seed, group)[:quota]
    assert set(grouped) <= set(inputs.quotas)
    # Groups come in sorted order.
    order = [inputs.group_of()[c] for c in selected]
    assert order == sorted(order)


@given(instances(), st.data())
def test_removing_someone_not_selected_changes_nobody_selected(instance: tuple[DrawInputs, str], data) -> None:
    inputs, seed = instance
    selected = draw(inputs, seed).selected
    others = [e for e in inputs.pool if e.code not in selected]
    assume(others)
    gone = data.draw(st.sampled_from(others))
    smaller = DrawInputs(
        inputs.purpose,
        tuple(e for e in inputs.pool if e != gone),
        tuple(c for c in inputs.excluded if c != gone.code),
        {g: q for g, q in inputs.quotas.items() if any(e.group == g for e in inputs.pool if e != gone)},
    )
    assert draw(smaller, seed).selected == selected


@given(instances(), st.lists(st.sampled_from(GROUPS), min_size=1, max_size=10))
def test_adding_experts_changes_the_selection_only_where_their_tickets_are_lower(
    instance: tuple[DrawInputs, str], new_groups: list[str]
) -> None:
    inputs, seed = instance
    added = tuple(PoolEntry(f"NEW{i}", g) for i, g in enumerate(new_groups))
    larger = DrawInputs(inputs.purpose, inputs.pool + added, inputs.excluded, inputs.quotas)
    before, after = by_group(inputs, draw(inputs, seed).selected), by_group(larger, draw(larger, seed).selected)
    key = lambda code: (ticket(seed, code), code)  # noqa: E731
    for group, quota in inputs.quotas.items():
        newcomers = [e.code for e in added if e.group == group]
        assert after.get(group, []) == sorted(before.get(group, []) + newcomers, key=key)[:quota]
        # Newcomers above the group's last selected ticket change nothing.
        if before.get(group) and all(key(c) > key(before[group][-1]) for c in newcomers):
            assert after[group] == before[group]


@given(instances(), st.data())
def test_each_decline_takes_the_next_ticket_and_nobody_is_drawn_twice(instance: tuple[DrawInputs, str], data) -> None:
    inputs, seed = instance
    result = draw(inputs, seed)
    declined: list[str] = []
    for _ in range(data.draw(st.integers(0, 6))):
        candidates = [c for c in result.drawn if c not in declined]
        if not candidates:
            break
        code = data.draw(st.sampled_from(candidates))
        group = inputs.group_of()[code]
        expected = next_replacement(inputs, seed, result.drawn, group)
        declined.append(code)
        extended = draw(inputs, seed, declined)
        # The draw extends: the earlier replacements stay, one more is added, the next ticket of the group.
        assert extended.selected == result.selected
        assert extended.replacements[:-1] == result.replacements
        assert extended.replacements[-1] == Replacement(code, expected, group)
        if expected is not None:
            rest = [c for c in queue(inputs, seed, group) if c not in result.drawn]
            assert expected == rest[0]
        result = extended
    assert len(set(result.drawn)) == len(result.drawn)
    assert not set(result.drawn) & set(inputs.excluded)
    assert result.serving == tuple(c for c in result.drawn if c not in declined)


# The published document ------------------------------------------------------------------


@given(instances(), st.data())
def test_generated_documents_verify(instance: tuple[DrawInputs, str], data) -> None:
    inputs, seed = instance
    drawn = draw(inputs, seed).selected
    declined = data.draw(st.lists(st.sampled_from(drawn), unique=True)) if drawn else []
    doc = draw_document(inputs, seed, "platform", declined)
    assert json.loads(json.dumps(doc)) == doc
    assert verify_document(json.loads(json.dumps(doc, ensure_ascii=False))) is None
    assert reference_rerun()(doc) == (doc["selected"], doc["replacements"])


def document(declined: tuple[str, ...] = ("ZJ0006",)) -> dict[str, object]:
    return draw_document(DrawInputs.from_json(INPUTS_JSON), SEED, "smartmfg 平台随机数", list(declined))


def test_the_document_format() -> None:
    doc = document()
    assert list(doc) == [
        "algorithm",
        "inputs",
        "inputs_sha256",
        "seed",
        "seed_source",
        "selected",
        "replacements",
    ]
    assert doc["algorithm"] == ALGORITHM == "smartmfg-draw-1"
    assert doc["inputs"] == INPUTS_JSON
    assert doc["inputs_sha256"] == inputs_sha256(INPUTS_JSON)
    assert doc["replacements"] == [{"declined": "ZJ0006", "replacement": "ZJ0001"}]


def difference(doc: object) -> tuple[str, str]:
    found = verify_document(doc)
    assert found is not None
    return found.render("zh"), found.render("en")


def test_a_tampered_selection_is_named_with_both_values() -> None:
    doc = document()
    doc["selected"][1] = "ZJ0001"
    zh, en = difference(doc)
    assert zh == "selected[1]（第2位）为“ZJ0001”，按算法复现应为“ZJ0002”"
    assert en == "selected[1] (position 2) is 'ZJ0001', but re-running the draw gives 'ZJ0002'"
    doc = document()
    doc["selected"].pop()
    assert difference(doc)[1] == "selected[4] (position 5) is '(none)', but re-running the draw gives 'ZJ0005'"


def test_a_tampered_digest_or_inputs_are_named() -> None:
    doc = document()
    doc["inputs_sha256"] = "0" * 64
    assert "inputs_sha256 is '0000" in difference(doc)[1]
    doc = document()
    doc["inputs"]["excluded"] = []
    assert "the inputs are not the ones published" in difference(doc)[1]


def test_a_tampered_replacement_is_named() -> None:
    doc = document(("ZJ0006", "ZJ0007"))
    doc["replacements"][1]["replacement"] = "ZJ0003"
    zh, en = difference(doc)
    assert zh == "replacements[1]：“ZJ0007”谢绝后的替补为“ZJ0003”，按算法复现应为“ZJ0009”"
    assert en == "replacements[1]: the replacement of 'ZJ0007' is 'ZJ0003', but re-running the draw gives 'ZJ0009'"
    doc = document(("ZJ0006",))
    doc["replacements"][0]["declined"] = "ZJ0003"
    assert (
        difference(doc)[1] == "replacements[0].declined: 'ZJ0003' had not been drawn at that point and cannot decline"
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("seed"), "the draw document's seed is wrong: is missing"),
        (lambda d: d.update(note="x"), "the draw document's note is wrong: is not a field"),
        (lambda d: d.update(seed=""), "the draw document's seed is wrong: must be non-empty text"),
        (lambda d: d.update(selected="ZJ0006"), "the draw document's selected is wrong: must be an array"),
        (lambda d: d.update(replacements=[{"declined": "ZJ0006"}]), "replacements[0].replacement is wrong: is missing"),
        (
            lambda d: d.update(replacements=[{"declined": "ZJ0006", "replacement": 7}]),
            "replacements[0].replacement is wrong: must be non-empty text or null",
        ),
        (lambda d: d["inputs"].update(quotas={"财务": -1}), "inputs.quotas.财务 is wrong: cannot be negative"),
        (
            lambda d: d["inputs"].update(quotas={"法律": 1}),
            "inputs.quotas.法律 is wrong: the pool has no expert of group '法律'",
        ),
        (lambda d: d.update(algorithm="other-1"), "the document's algorithm is 'other-1'"),
    ],
)
def test_a_malformed_document_names_the_field(change, expected: str) -> None:
    doc = document()
    change(doc)
    assert expected in difference(doc)[1]


def test_a_document_is_an_object() -> None:
    assert difference([])[1] == "a draw document is a JSON object"
