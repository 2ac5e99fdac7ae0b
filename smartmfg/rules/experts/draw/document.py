"""The published record of a draw and its verification: anyone re-runs it and finds the first difference."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from ...schema import FieldError
from ...text import Lang, Text
from ..reading import Reader, item
from ..reading import field as at
from .inputs import DrawInputs, InvalidDrawInput, inputs_sha256, read_codes, read_inputs
from .sampler import BadDecline, draw, run

ALGORITHM: Final = "smartmfg-draw-1"

DOCUMENT_FIELDS: Final = (
    "algorithm",
    "inputs",
    "inputs_sha256",
    "seed",
    "seed_source",
    "selected",
    "replacements",
)

VERIFY: Final[dict[str, dict[Lang, str]]] = {
    "malformed": {"zh": "抽取文件的 {field} 有误：{problem}", "en": "the draw document's {field} is wrong: {problem}"},
    "document": {"zh": "抽取文件应为JSON对象", "en": "a draw document is a JSON object"},
    "algorithm": {
        "zh": "抽取文件的算法为“{value}”，本平台只复现 smartmfg-draw-1",
        "en": "the document's algorithm is '{value}'; only smartmfg-draw-1 can be re-run here",
    },
    "digest": {
        "zh": "inputs_sha256 为“{stated}”，但 inputs 的SHA-256摘要为“{actual}”：抽取输入与公布的摘要不符",
        "en": "inputs_sha256 is '{stated}' but the inputs hash to '{actual}': the inputs are not the ones published",
    },
    "selected": {
        "zh": "selected[{index}]（第{position}位）为“{stated}”，按算法复现应为“{actual}”",
        "en": "selected[{index}] (position {position}) is '{stated}', but re-running the draw gives '{actual}'",
    },
    "replacement": {
        "zh": "replacements[{index}]：“{declined}”谢绝后的替补为“{stated}”，按算法复现应为“{actual}”",
        "en": "replacements[{index}]: the replacement of '{declined}' is '{stated}', "
        "but re-running the draw gives '{actual}'",
    },
    "bad_decline": {
        "zh": "replacements[{index}].declined：{problem}",
        "en": "replacements[{index}].declined: {problem}",
    },
    "none": {"zh": "（无）", "en": "(none)"},
    "true": {
        "zh": "抽取文件属实：输入与摘要相符，按 smartmfg-draw-1 复现的抽取结果和替补与文件一致",
        "en": "the document is true: the inputs match their digest, and re-running smartmfg-draw-1 gives "
        "the same experts and replacements",
    },
}


def draw_document(inputs: DrawInputs, seed: str, seed_source: str, declined: Sequence[str] = ()) -> dict[str, Any]:
    """The published record of a draw, JSON-serialisable; ``verify_document`` re-runs it.

    ``seed_source`` says where the seed came from (the platform's secure
    source, a public lottery result...), in words.
    """
    inputs_json = inputs.to_json()
    result = draw(inputs, seed, declined)
    return {
        "algorithm": ALGORITHM,
        "inputs": inputs_json,
        "inputs_sha256": inputs_sha256(inputs_json),
        "seed": seed,
        "seed_source": seed_source,
        "selected": list(result.selected),
        "replacements": [{"declined": r.declined, "replacement": r.replacement} for r in result.replacements],
    }


def verify_document(doc: Any) -> Text | None:
    """The first thing false in a draw document, or None when it is true.

    In order: a malformed document (naming the field), an unknown algorithm,
    inputs that do not match ``inputs_sha256``, the first position of
    ``selected`` that differs (both values), the first replacement that
    differs (or a decline of someone not drawn).
    """
    read = _read_document(doc)
    if isinstance(read, Text):
        return read
    inputs, stated_selected, stated_replacements = read
    actual_digest = inputs_sha256(doc["inputs"])
    if doc["inputs_sha256"] != actual_digest:
        return Text(VERIFY, "digest", {"stated": doc["inputs_sha256"], "actual": actual_digest})
    seed = doc["seed"]
    difference = _first_difference(stated_selected, list(draw(inputs, seed).selected))
    if difference is not None:
        index, stated, actual = difference
        return Text(VERIFY, "selected", {"index": index, "position": index + 1, "stated": stated, "actual": actual})
    return _replacement_difference(inputs, seed, stated_replacements)


def document_problem(doc: Any) -> Text | None:
    """What makes ``doc`` not a draw document at all (a field missing or of the wrong kind), or None.

    The first check of ``verify_document``, apart so that a reader can tell a
    document that cannot be read from one that reads but is false.
    """
    read = _read_document(doc)
    return read if isinstance(read, Text) else None


def verified_text() -> Text:
    """What to say of a true document."""
    return Text(VERIFY, "true")


def _read_document(doc: Any) -> tuple[DrawInputs, list[str], list[tuple[str, str | None]]] | Text:
    """The document's inputs, selected codes and ``(declined, replacement)`` pairs, or what is malformed."""
    reader = Reader()
    obj = reader.obj(doc, "", DOCUMENT_FIELDS)
    if obj is None:
        return Text(VERIFY, "document")
    if reader.errors:
        return _malformed(reader.errors[0])
    if obj["algorithm"] != ALGORITHM:
        return Text(VERIFY, "algorithm", {"value": obj["algorithm"]})
    try:
        inputs = read_inputs(obj["inputs"], "inputs")
    except InvalidDrawInput as invalid:
        return _malformed(invalid.problems[0])
    reader.text(obj["inputs_sha256"], "inputs_sha256")
    reader.text(obj["seed"], "seed")
    if not isinstance(obj["seed_source"], str):
        reader.fail("seed_source", "text")
    selected = read_codes(reader, obj["selected"], "selected")
    replacements = _read_replacements(reader, obj["replacements"])
    if reader.errors or selected is None or replacements is None:
        return _malformed(reader.errors[0])
    return inputs, list(selected), replacements


def _read_replacements(reader: Reader, raw: Any) -> list[tuple[str, str | None]] | None:
    entries = reader.array(raw, "replacements")
    if entries is None:
        return None
    pairs = []
    for i, entry in enumerate(entries):
        where = item("replacements", i)
        obj = reader.obj(entry, where, ("declined", "replacement"))
        if obj is None or "declined" not in obj or "replacement" not in obj:
            continue
        declined = reader.text(obj["declined"], at(where, "declined"))
        replacement = obj["replacement"]
        if replacement is not None and (not isinstance(replacement, str) or not replacement):
            reader.fail(at(where, "replacement"), "text_or_null")
            continue
        if declined is not None:
            pairs.append((declined, replacement))
    return pairs


def _malformed(error: FieldError) -> Text:
    return Text(VERIFY, "malformed", {"field": error.path or "inputs", "problem": error.message})


def _first_difference(stated: list[str], actual: list[str]) -> tuple[int, Any, Any] | None:
    for index in range(max(len(stated), len(actual))):
        here = stated[index] if index < len(stated) else None
        there = actual[index] if index < len(actual) else None
        if here != there:
            return index, _value(here), _value(there)
    return None


def _replacement_difference(inputs: DrawInputs, seed: str, stated: list[tuple[str, str | None]]) -> Text | None:
    try:
        result = run(inputs, seed, [declined for declined, _ in stated])
    except BadDecline as bad:
        return Text(VERIFY, "bad_decline", {"index": bad.index, "problem": bad.message})
    for index, ((declined, replacement), actual) in enumerate(zip(stated, result.replacements, strict=True)):
        if replacement != actual.replacement:
            params = {"index": index, "declined": declined}
            return Text(
                VERIFY, "replacement", {**params, "stated": _value(replacement), "actual": _value(actual.replacement)}
            )
    return None


def _value(code: str | None) -> str | Text:
    return Text(VERIFY, "none") if code is None else code
