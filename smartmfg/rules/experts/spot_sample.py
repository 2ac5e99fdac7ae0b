"""Which applications of the review list get an on-site spot check (现场抽查), drawn verifiably (第九条).

第九条 says the Department organises experts to visit enterprises "as needed"
(根据需要组织专家进行现场抽查). domain.md §7 records the decision: a share of
the review list (the call's ``spot_check_share``, 20 % by default) is drawn
with the same consistent sampler as the experts (``draw.ticket``), and the
Department may add targeted picks with their reasons (those are recorded by
the shell, not drawn here). As with the draw, the inputs (the application
numbers of the review list and the share) are frozen and their digest
published before the seed exists (RFC 3797), then:

- the count is ⌈n × share ÷ 100⌉ of the n applications (at least one when
  there is any application and the share is not 0): 6 applications at 20 %
  give 2;
- each application's ticket is the SHA-256 of ``seed + ":" + number``, in hex;
- the applications with the lowest tickets are visited.

Adding applications whose tickets are higher, or removing ones not selected,
changes nothing selected as long as the count stays the same (Rivest's
consistent sampler).

The algorithm is ``smartmfg-spot-1`` and never changes: old samples must stay
verifiable. The reference implementation, published with every sample, needs
only Python's standard library::

    import hashlib, json

    def rerun(doc):
        inputs, seed = doc["inputs"], doc["seed"]
        canonical = json.dumps(inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == doc["inputs_sha256"]
        numbers, share = inputs["numbers"], inputs["share_percent"]
        count = -(-len(numbers) * share // 100)
        ticket = lambda number: (hashlib.sha256(f"{seed}:{number}".encode("utf-8")).hexdigest(), number)
        return sorted(numbers, key=ticket)[:count]

(The number breaks a tie of tickets, which would need a SHA-256 collision, so
the order is total whatever happens.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, Final

from ..text import Lang, Text
from .draw.inputs import canonical_json
from .draw.sampler import ticket
from .reading import InvalidInput, Reader, item, problem

ALGORITHM: Final = "smartmfg-spot-1"
DOCUMENT_FIELDS: Final = ("algorithm", "inputs", "inputs_sha256", "seed", "seed_source", "selected")
INPUT_FIELDS: Final = ("numbers", "share_percent")

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "share": {
        "zh": "抽查比例应为0至100之间的整数（百分比），实际为“{value}”",
        "en": "the share must be a whole percentage from 0 to 100, not '{value}'",
    },
    "seed": {"zh": "随机种子应为非空文本", "en": "the seed must be non-empty text"},
}

VERIFY: Final[dict[str, dict[Lang, str]]] = {
    "document": {"zh": "抽查文件应为JSON对象", "en": "a spot-check document is a JSON object"},
    "malformed": {
        "zh": "抽查文件的 {field} 有误：{problem}",
        "en": "the spot-check document's {field} is wrong: {problem}",
    },
    "algorithm": {
        "zh": "抽查文件的算法为“{value}”，本平台只复现 smartmfg-spot-1",
        "en": "the document's algorithm is '{value}'; only smartmfg-spot-1 can be re-run here",
    },
    "digest": {
        "zh": "inputs_sha256 为“{stated}”，但 inputs 的SHA-256摘要为“{actual}”：抽查输入与公布的摘要不符",
        "en": "inputs_sha256 is '{stated}' but the inputs hash to '{actual}': the inputs are not the ones published",
    },
    "count": {
        "zh": "selected 列出{stated}项申报，按{total}项申报、抽查比例{share}%应抽取{actual}项",
        "en": "selected lists {stated} applications, but {share}% of {total} applications is {actual}",
    },
    "selected": {
        "zh": "selected[{index}]（第{position}位）为“{stated}”，按算法复现应为“{actual}”",
        "en": "selected[{index}] (position {position}) is '{stated}', but re-running the sample gives '{actual}'",
    },
    "true": {
        "zh": "抽查文件属实：输入与摘要相符，按 smartmfg-spot-1 复现的抽查名单与文件一致",
        "en": "the document is true: the inputs match their digest, and re-running smartmfg-spot-1 gives "
        "the same applications",
    },
}


class InvalidSpotInput(InvalidInput):
    """Numbers, a share or a seed that cannot make a sample; ``problems`` names each one by its JSON path."""


def spot_check_count(n: int, share_percent: int) -> int:
    """How many of ``n`` applications are visited: ⌈n × share ÷ 100⌉, in whole numbers (6 at 20 % → 2)."""
    if n < 0:
        raise ValueError(f"the number of applications cannot be negative ({n})")
    _check_share(share_percent, "share_percent")
    return -(-n * share_percent // 100)


def spot_check_sample(numbers: Sequence[str], share_percent: int, seed: str) -> list[str]:
    """The application numbers to visit: the ``spot_check_count`` lowest tickets, lowest first.

    ``InvalidSpotInput`` for numbers that are empty or repeated, a share out
    of range, or an empty seed.
    """
    _check_inputs(numbers, share_percent)
    if not isinstance(seed, str) or not seed:
        raise InvalidSpotInput([problem("seed", "seed", MESSAGES)])
    count = spot_check_count(len(numbers), share_percent)
    return sorted(numbers, key=lambda number: (ticket(seed, number), number))[:count]


def spot_inputs(numbers: Sequence[str], share_percent: int) -> dict[str, Any]:
    """The inputs as published and hashed: ``{"numbers": [sorted], "share_percent": 20}``."""
    _check_inputs(numbers, share_percent)
    return {"numbers": sorted(numbers), "share_percent": share_percent}


def spot_inputs_sha256(numbers: Sequence[str], share_percent: int) -> str:
    """The digest published before the seed exists: SHA-256 of the inputs' canonical JSON, in hex."""
    return _digest(spot_inputs(numbers, share_percent))


def spot_document(numbers: Sequence[str], share_percent: int, seed: str, seed_source: str) -> dict[str, Any]:
    """The published record of a sample, JSON-serialisable; ``verify_spot_document`` re-runs it.

    ``seed_source`` says where the seed came from (the platform's secure
    source, a public lottery result...), in words.
    """
    inputs = spot_inputs(numbers, share_percent)
    return {
        "algorithm": ALGORITHM,
        "inputs": inputs,
        "inputs_sha256": _digest(inputs),
        "seed": seed,
        "seed_source": seed_source,
        "selected": spot_check_sample(inputs["numbers"], share_percent, seed),
    }


def verify_spot_document(doc: Any) -> Text | None:
    """The first thing false in a spot-check document, or None when it re-runs to the same selection.

    In order: a malformed document (naming the field), an unknown algorithm,
    inputs that do not match ``inputs_sha256``, a ``selected`` of the wrong
    length, the first position of ``selected`` that differs (both values).
    """
    read = _read_document(doc)
    if isinstance(read, Text):
        return read
    numbers, share, stated = read
    actual_digest = _digest(doc["inputs"])
    if doc["inputs_sha256"] != actual_digest:
        return Text(VERIFY, "digest", {"stated": doc["inputs_sha256"], "actual": actual_digest})
    actual = spot_check_sample(numbers, share, doc["seed"])
    if len(stated) != len(actual):
        counts = {"stated": len(stated), "actual": len(actual), "total": len(numbers), "share": share}
        return Text(VERIFY, "count", counts)
    for index, (here, there) in enumerate(zip(stated, actual, strict=True)):
        if here != there:
            return Text(VERIFY, "selected", {"index": index, "position": index + 1, "stated": here, "actual": there})
    return None


def spot_verified_text() -> Text:
    """What to say of a true document."""
    return Text(VERIFY, "true")


def _digest(inputs: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(inputs)).hexdigest()


def _check_share(share: Any, path: str) -> None:
    if isinstance(share, bool) or not isinstance(share, int) or not 0 <= share <= 100:
        raise InvalidSpotInput([problem(path, "share", MESSAGES, value=share)])


def _check_inputs(numbers: Sequence[str], share_percent: int) -> None:
    reader = Reader()
    _read_numbers(reader, list(numbers), "numbers")
    if reader.errors:
        raise InvalidSpotInput(reader.errors)
    _check_share(share_percent, "share_percent")


def _read_numbers(reader: Reader, raw: Any, path: str) -> list[str] | None:
    """Application numbers: non-empty text, each listed once (the bad ones noted)."""
    values = reader.array(raw, path)
    if values is None:
        return None
    numbers = [(item(path, i), n) for i, v in enumerate(values) if (n := reader.text(v, item(path, i))) is not None]
    reader.unique(numbers)
    return [n for _, n in numbers]


def _read_document(doc: Any) -> tuple[list[str], int, list[str]] | Text:
    """The document's numbers, share and selected numbers, or what is malformed."""
    reader = Reader()
    obj = reader.obj(doc, "", DOCUMENT_FIELDS)
    if obj is None:
        return Text(VERIFY, "document")
    if reader.errors:
        return _malformed(reader)
    if obj["algorithm"] != ALGORITHM:
        return Text(VERIFY, "algorithm", {"value": obj["algorithm"]})
    inputs = reader.obj(obj["inputs"], "inputs", INPUT_FIELDS)
    if inputs is None or reader.errors:
        return _malformed(reader)
    numbers = _read_numbers(reader, inputs["numbers"], "inputs.numbers")
    share = inputs["share_percent"]
    if isinstance(share, bool) or not isinstance(share, int) or not 0 <= share <= 100:
        reader.fail("inputs.share_percent", "share", MESSAGES, value=share)
    reader.text(obj["inputs_sha256"], "inputs_sha256")
    reader.text(obj["seed"], "seed")
    if not isinstance(obj["seed_source"], str):
        reader.fail("seed_source", "text")
    selected = _read_selected(reader, obj["selected"])
    if reader.errors or numbers is None or selected is None:
        return _malformed(reader)
    return numbers, share, selected


def _read_selected(reader: Reader, raw: Any) -> list[str] | None:
    values = reader.array(raw, "selected")
    if values is None:
        return None
    return [n for i, v in enumerate(values) if (n := reader.text(v, item("selected", i))) is not None]


def _malformed(reader: Reader) -> Text:
    error = reader.errors[0]
    return Text(VERIFY, "malformed", {"field": error.path or "inputs", "problem": error.message})
