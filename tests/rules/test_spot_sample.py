"""The spot-check sample (smartmfg-spot-1, 第九条): the count, the sampler, its consistency, the document."""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartmfg.rules.experts import spot_sample as spot_module
from smartmfg.rules.experts.draw import ticket
from smartmfg.rules.experts.spot_sample import (
    ALGORITHM,
    InvalidSpotInput,
    spot_check_count,
    spot_check_sample,
    spot_document,
    spot_inputs_sha256,
    spot_verified_text,
    verify_spot_document,
)

SEED = "3b1f0c5e8d2a4f6b9c7e1d3a5b7c9e0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2f"
NUMBERS = [f"2026-GC-{i:04d}" for i in range(1, 7)]


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize(
    ("n", "share", "count"),
    [
        (6, 20, 2),  # 1.2 rounds up
        (5, 20, 1),
        (10, 20, 2),
        (11, 20, 3),
        (1, 20, 1),  # at least one
        (3, 1, 1),
        (0, 20, 0),
        (6, 0, 0),
        (6, 100, 6),
        (200, 15, 30),
    ],
)
def test_the_count_rounds_up(n: int, share: int, count: int) -> None:
    assert spot_check_count(n, share) == count


@pytest.mark.parametrize("share", [-1, 101, True])
def test_a_share_out_of_range_is_refused(share: int) -> None:
    with pytest.raises(InvalidSpotInput, match="share"):
        spot_check_count(6, share)


def test_the_lowest_tickets_are_visited_as_computed_independently() -> None:
    expected = sorted(NUMBERS, key=lambda n: sha256_hex(f"{SEED}:{n}"))[:2]
    assert spot_check_sample(NUMBERS, 20, SEED) == expected == ["2026-GC-0005", "2026-GC-0001"]
    assert ticket(SEED, "2026-GC-0005") == sha256_hex(f"{SEED}:2026-GC-0005")
    assert spot_check_sample(list(reversed(NUMBERS)), 20, SEED) == expected  # the order given does not matter


@pytest.mark.parametrize(
    ("numbers", "seed", "path"),
    [
        ([*NUMBERS, NUMBERS[0]], SEED, "numbers[6]"),
        (["", *NUMBERS], SEED, "numbers[0]"),
        (NUMBERS, "", "seed"),
    ],
)
def test_bad_numbers_or_seed_are_refused(numbers: list[str], seed: str, path: str) -> None:
    with pytest.raises(InvalidSpotInput) as raised:
        spot_check_sample(numbers, 20, seed)
    assert raised.value.problems[0].path == path


def test_adding_applications_with_higher_tickets_changes_nothing_selected() -> None:
    numbers = [f"2026-GC-{i:04d}" for i in range(1, 12)]  # 11 at 10 %: 2 selected, and still 2 up to 20
    selected = spot_check_sample(numbers, 10, SEED)
    last = ticket(SEED, selected[-1])
    higher = [n for n in (f"2026-WL-{i:04d}" for i in range(1, 40)) if ticket(SEED, n) > last][:9]
    assert len(higher) == 9
    everyone = [*numbers, *higher]
    assert spot_check_sample(everyone, 10, SEED) == selected
    # Removing one not selected (20 → 19, still 2 at 10 %) changes nothing either.
    gone = next(n for n in everyone if n not in selected)
    assert spot_check_sample([n for n in everyone if n != gone], 10, SEED) == selected


@given(
    st.lists(st.integers(1, 999), min_size=1, max_size=40, unique=True),
    st.lists(st.integers(1000, 1999), max_size=20, unique=True),
    st.integers(0, 100),
)
def test_applications_added_only_push_out_those_with_higher_tickets(
    first: list[int], more: list[int], share: int
) -> None:
    """Rivest's consistency: of the first applications, those still selected are the lowest tickets among
    them; when the added ones all have higher tickets, everyone selected before still is, in the same order."""
    before = [f"2026-CJ-{i:04d}" for i in first]
    added = [f"2026-CJ-{i:04d}" for i in more]
    old, new = spot_check_sample(before, share, SEED), spot_check_sample([*before, *added], share, SEED)
    kept = [n for n in new if n in before]
    assert kept == sorted(before, key=lambda n: ticket(SEED, n))[: len(kept)]
    if old and all(ticket(SEED, n) > ticket(SEED, old[-1]) for n in added):
        assert new[: len(old)] == old


def test_the_inputs_digest_is_of_the_canonical_json_of_the_sorted_numbers() -> None:
    canonical = json.dumps(
        {"numbers": sorted(NUMBERS), "share_percent": 20}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert spot_inputs_sha256(list(reversed(NUMBERS)), 20) == sha256_hex(canonical)
    assert spot_inputs_sha256(NUMBERS, 20) == "354776ad903c8e35148c283d0b5c3cf38c48fb5df4041454668d76031f1f4a39"
    assert spot_inputs_sha256(NUMBERS, 30) != spot_inputs_sha256(NUMBERS, 20)


# The published document ---------------------------------------------------------------


def document() -> dict[str, object]:
    return spot_document(NUMBERS, 20, SEED, "平台安全随机源")


def reference_rerun() -> Any:
    """The reference implementation of the module's docstring, as published, run as it is."""
    block = spot_module.__doc__.split("::\n", 1)[1].split("\n\n(", 1)[0]
    namespace: dict[str, object] = {}
    exec(compile("\n".join(line[4:] for line in block.splitlines()), "reference", "exec"), namespace)
    return namespace["rerun"]


def test_a_document_verifies_and_the_published_snippet_agrees() -> None:
    doc = document()
    assert doc["algorithm"] == ALGORITHM == "smartmfg-spot-1"
    assert doc["inputs"] == {"numbers": NUMBERS, "share_percent": 20}
    assert doc["inputs_sha256"] == spot_inputs_sha256(NUMBERS, 20)
    assert doc["selected"] == ["2026-GC-0005", "2026-GC-0001"]
    assert verify_spot_document(json.loads(json.dumps(doc, ensure_ascii=False))) is None
    assert reference_rerun()(doc) == doc["selected"]
    assert "属实" in spot_verified_text().render("zh")


def tampered(**changes: object) -> dict[str, object]:
    doc = copy.deepcopy(document())
    for key, value in changes.items():
        if key == "numbers":
            doc["inputs"]["numbers"] = value  # type: ignore[index]
        elif value is None:
            del doc[key]
        else:
            doc[key] = value
    return doc


@pytest.mark.parametrize(
    ("changes", "en"),
    [
        ({"selected": ["2026-GC-0001", "2026-GC-0005"]}, "selected[0] (position 1) is '2026-GC-0001'"),
        ({"selected": ["2026-GC-0005", "2026-GC-0003"]}, "selected[1] (position 2) is '2026-GC-0003'"),
        ({"selected": ["2026-GC-0005"]}, "selected lists 1 applications, but 20% of 6 applications is 2"),
        ({"seed": "another seed"}, "re-running the sample gives"),
        ({"numbers": NUMBERS[:5]}, "the inputs are not the ones published"),
        ({"inputs_sha256": "0" * 64}, "inputs_sha256 is '" + "0" * 64),
        ({"algorithm": "smartmfg-draw-1"}, "only smartmfg-spot-1 can be re-run here"),
        ({"seed_source": None}, "document's seed_source is wrong: is missing"),
        (
            {"numbers": [*NUMBERS, NUMBERS[0]]},
            "inputs.numbers[6] is wrong: '2026-GC-0001' is already inputs.numbers[0]",
        ),
        ({"selected": "2026-GC-0005"}, "selected is wrong: must be an array"),
    ],
)
def test_a_tampered_document_is_refused_naming_what_differs(changes: dict[str, object], en: str) -> None:
    problem = verify_spot_document(tampered(**changes))
    assert problem is not None
    assert en in problem.render("en"), problem.render("en")
    assert problem.render("zh")


def test_a_document_that_is_not_an_object_is_refused() -> None:
    problem = verify_spot_document(["2026-GC-0005"])
    assert problem is not None and problem.render("zh") == "抽查文件应为JSON对象"
