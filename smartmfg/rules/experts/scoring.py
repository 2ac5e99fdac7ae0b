"""Scoring sheets (评分表) and one expert's scores on them (第九条).

第九条 says only that experts review the applications on the review list;
domain.md §7 records the decision: each call has one sheet per tier, its
criteria (评分项) drawn from the tier's article (第五条至第七条第2款、第3款:
the standards and the maturity level, what the tier must be; with 第1款's
investment and results), totalling 100 points, and veto items (一票否决项)
that end an application's review whatever its points (materials found untrue,
第十二条).

- ``Sheet``: the criteria and the vetoes, checked together (``InvalidSheet``,
  by path: ``criteria[2].points``), in JSON with points as strings (``"7.5"``);
- ``default_sheet(tier)``: the platform's default sheet of a tier, read from
  ``data/scoring_sheets.json`` (a call starts from it and may change it);
- ``read_scores``: one expert's scores as typed, each problem named by the
  criterion's title and its points; ``total``: their sum.

Points are exact ``Decimal`` whole or half points (7 or 7.5), never a float.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import InitVar, asdict, dataclass
from decimal import Decimal
from importlib import resources
from types import MappingProxyType
from typing import Any, Final, TypeVar

from ..facts import TIERS
from ..schema import FieldError
from ..text import Lang, Text
from .reading import InvalidInput, Reader, item
from .reading import field as at

SHEET_TOTAL: Final = Decimal(100)
DATA_FILE: Final = "scoring_sheets.json"
CRITERION_FIELDS: Final = ("key", "title", "title_en", "points", "article")
CRITERION_OPTIONAL: Final = ("guidance", "comment_required")
VETO_FIELDS: Final = ("key", "title", "title_en")

T = TypeVar("T")

_SLUG: Final = re.compile(r"[a-z][a-z0-9_]{0,39}")
_NUMBER: Final = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")

SHEET_MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "no_criteria": {"zh": "评分表至少要有一个评分项", "en": "a sheet needs at least one criterion"},
    "slug": {
        "zh": "应为小写英文字母开头、由小写字母、数字和下划线组成的标识（如 system_integration），实际为“{value}”",
        "en": "must be a lower-case ascii identifier of letters, digits and underscores "
        "(such as system_integration), not '{value}'",
    },
    "points_type": {
        "zh": "分值应为数字字符串（如“15”或“7.5”）或整数，实际为“{value}”",
        "en": "points must be text such as '15' or '7.5', or a whole number, not '{value}'",
    },
    "points_positive": {"zh": "分值应大于0，实际为{value}", "en": "points must be more than 0, not {value}"},
    "points_half": {
        "zh": "分值应为整分或半分（0.5的整数倍），实际为{value}",
        "en": "points must be whole or half points (a multiple of 0.5), not {value}",
    },
    "total": {
        "zh": "评分表各项分值合计应为100分，实际为{total}分",
        "en": "the criteria's points must total 100, not {total}",
    },
    "flag": {"zh": "应为true或false", "en": "must be true or false"},
    "guidance": {"zh": "应为文本", "en": "must be text"},
}

SCORE_MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "number": {
        "zh": "“{title}”的得分应为数字，实际为“{value}”",
        "en": "the score of '{title}' must be a number, not '{value}'",
    },
    "negative": {
        "zh": "“{title}”的得分不能为负数，实际为{value}",
        "en": "the score of '{title}' cannot be negative ({value})",
    },
    "over": {
        "zh": "“{title}”的得分不能超过{points}分，实际为{value}",
        "en": "the score of '{title}' cannot be more than {points} points ({value})",
    },
    "half": {
        "zh": "“{title}”的得分应为整分或半分（如7或7.5），实际为{value}",
        "en": "the score of '{title}' must be a whole or half point (such as 7 or 7.5), not {value}",
    },
    "missing": {
        "zh": "请为“{title}”评分（满分{points}分）",
        "en": "'{title}' is not scored yet (out of {points} points)",
    },
    "comment": {
        "zh": "请填写“{title}”的评分意见（此项须说明评分理由）",
        "en": "'{title}' needs a comment explaining its score",
    },
    "unknown": {
        "zh": "评分表中没有“{key}”这一评分项",
        "en": "the sheet has no criterion '{key}'",
    },
}


def format_points(points: Decimal) -> str:
    """Points as written: ``15``, ``7.5`` (no trailing zeros, never an exponent)."""
    text = f"{points.normalize():f}"
    return "0" if text in {"-0", "0"} else text


@dataclass(frozen=True, slots=True)
class Criterion:
    """One criterion (评分项): ``points`` its full marks, ``guidance`` for the expert (Chinese),
    ``comment_required`` for the key items whose score must be explained, ``article`` the clause it
    comes from (``第六条第3款``)."""

    key: str
    title: str
    title_en: str
    points: Decimal
    guidance: str
    comment_required: bool
    article: str

    @property
    def label(self) -> Text:
        """The title as a ``Text``: ``系统集成``, ``system integration``."""
        return _label(self.key, self.title, self.title_en)


@dataclass(frozen=True, slots=True)
class Veto:
    """A veto item (一票否决项): found true, the application fails the review whatever its points."""

    key: str
    title: str
    title_en: str

    @property
    def label(self) -> Text:
        return _label(self.key, self.title, self.title_en)


class InvalidSheet(InvalidInput):
    """A sheet that cannot be used; ``problems`` names each fault by its path (``criteria[2].points``)."""


@dataclass(frozen=True, slots=True)
class Sheet:
    """A scoring sheet: its criteria in order (totalling 100 points) and its veto items.

    Construction checks them (``InvalidSheet``): at least one criterion; keys
    unique ascii identifiers; titles (Chinese and English) unique and not
    empty; points above 0 in whole or half points; the total exactly 100;
    veto keys unique.
    """

    criteria: tuple[Criterion, ...]
    vetoes: tuple[Veto, ...] = ()
    # Where the sheet sits in a larger document (``smart_factory`` in the data file), for the paths.
    _prefix: InitVar[str] = ""

    def __post_init__(self, _prefix: str) -> None:
        object.__setattr__(self, "criteria", tuple(self.criteria))
        object.__setattr__(self, "vetoes", tuple(self.vetoes))
        problems = _sheet_problems(self, _prefix)
        if problems:
            raise InvalidSheet(problems)

    @property
    def total_points(self) -> Decimal:
        return sum((c.points for c in self.criteria), Decimal(0))

    def criterion(self, key: str) -> Criterion:
        """The criterion ``key`` (``KeyError`` if the sheet has none)."""
        for criterion in self.criteria:
            if criterion.key == key:
                return criterion
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        """The JSON form: points as strings (``"15"``, ``"7.5"``), every field written."""
        return {
            "criteria": [{**asdict(c), "points": format_points(c.points)} for c in self.criteria],
            "vetoes": [asdict(v) for v in self.vetoes],
        }

    @classmethod
    def from_json(cls, obj: Any) -> Sheet:
        """The inverse of ``to_json``; problems are named by path (``criteria[2].points``), every one of
        a kind at once: the types first, then how the values fit together.

        ``guidance`` (default empty) and ``comment_required`` (default false)
        may be left out; points are strings or whole numbers, never floats.
        """
        return read_sheet(obj, "")


def read_sheet(obj: Any, prefix: str) -> Sheet:
    """``Sheet`` from JSON; each problem's path starts with ``prefix`` (``smart_factory`` in the data file)."""
    reader = Reader()
    value = reader.obj(obj, prefix, ("criteria",), ("vetoes",))
    if value is None:
        raise InvalidSheet(reader.errors)
    criteria = _read_list(reader, value.get("criteria", []), at(prefix, "criteria"), _read_criterion)
    vetoes = _read_list(reader, value.get("vetoes", []), at(prefix, "vetoes"), _read_veto)
    if reader.errors:
        raise InvalidSheet(reader.errors)
    return Sheet(tuple(criteria), tuple(vetoes), _prefix=prefix)


def default_sheet(tier: str) -> Sheet:
    """The platform's default sheet of ``tier`` (``KeyError`` for a tier that is not one of ``TIERS``)."""
    return default_sheets()[tier]


@functools.cache
def default_sheets() -> Mapping[str, Sheet]:
    """Every tier's default sheet, read once from ``data/scoring_sheets.json`` (shipped in the wheel)."""
    text = (resources.files(__name__.rpartition(".")[0]) / "data" / DATA_FILE).read_text("utf-8")
    data = json.loads(text, parse_float=Decimal)
    return MappingProxyType({tier: read_sheet(data[tier], tier) for tier in TIERS})


@dataclass(frozen=True, slots=True)
class ScoreReading:
    """One expert's scores as read: ``scores`` the valid ones by criterion key, ``comments`` the
    non-empty comments of the sheet's criteria (trimmed), ``errors`` one ``Text`` per criterion at fault."""

    scores: dict[str, Decimal]
    comments: dict[str, str]
    errors: dict[str, Text]

    @property
    def ok(self) -> bool:
        return not self.errors


def read_scores(
    sheet: Sheet, scores: Mapping[str, str], comments: Mapping[str, str], *, complete: bool
) -> ScoreReading:
    """One expert's scores and comments as typed, checked against ``sheet``.

    A score given must be a number, not negative, not over its criterion's
    points, and a whole or half point (7.5 is accepted, 7.25 refused). With
    ``complete`` (submitting) every criterion must be scored and each
    ``comment_required`` criterion commented; without (a draft) blanks are
    allowed. A key that is not the sheet's is an error under that key.
    """
    parsed: dict[str, Decimal] = {}
    errors: dict[str, Text] = {}
    known = {c.key for c in sheet.criteria}
    kept = {k: v.strip() for k, v in comments.items() if k in known and v and v.strip()}
    for criterion in sheet.criteria:
        raw = (scores.get(criterion.key) or "").strip()
        if not raw:
            if complete:
                errors[criterion.key] = _score_error("missing", criterion)
            continue
        value = _score(criterion, raw)
        if isinstance(value, Text):
            errors[criterion.key] = value
            continue
        parsed[criterion.key] = value
        if complete and criterion.comment_required and criterion.key not in kept:
            errors[criterion.key] = _score_error("comment", criterion)
    for key in (*scores, *comments):
        if key not in known:
            errors[key] = Text(SCORE_MESSAGES, "unknown", {"key": key})
    return ScoreReading(parsed, kept, errors)


def total(sheet: Sheet, scores: Mapping[str, Decimal]) -> Decimal:
    """The sum of the scores of the sheet's criteria (a criterion not scored counts 0; other keys are ignored)."""
    return sum((scores[c.key] for c in sheet.criteria if c.key in scores), Decimal(0))


def _label(key: str, zh: str, en: str) -> Text:
    return Text({key: {"zh": zh, "en": en}}, key)


def _score(criterion: Criterion, raw: str) -> Decimal | Text:
    if not _NUMBER.fullmatch(raw):
        return _score_error("number", criterion, value=raw)
    value = Decimal(raw)
    if value < 0:
        return _score_error("negative", criterion, value=raw)
    if value > criterion.points:
        return _score_error("over", criterion, value=raw)
    if not _whole_or_half(value):
        return _score_error("half", criterion, value=raw)
    return value


def _score_error(key: str, criterion: Criterion, **params: Any) -> Text:
    return Text(SCORE_MESSAGES, key, {"title": criterion.label, "points": format_points(criterion.points), **params})


# Reading and checking a sheet ----------------------------------------------------------


def _read_list(reader: Reader, raw: Any, path: str, read: Callable[[Reader, Any, str], T | None]) -> list[T]:
    entries = reader.array(raw, path)
    if entries is None:
        return []
    return [entry for i, obj in enumerate(entries) if (entry := read(reader, obj, item(path, i))) is not None]


def _read_criterion(reader: Reader, raw: Any, path: str) -> Criterion | None:
    obj = reader.obj(raw, path, CRITERION_FIELDS, CRITERION_OPTIONAL)
    if obj is None or any(name not in obj for name in CRITERION_FIELDS):
        return None
    texts = [_text(reader, obj[name], at(path, name)) for name in ("key", "title", "title_en", "article")]
    points = _points(reader, obj["points"], at(path, "points"))
    guidance = obj.get("guidance", "")
    if not isinstance(guidance, str):
        reader.fail(at(path, "guidance"), "guidance", SHEET_MESSAGES)
    required = obj.get("comment_required", False)
    if not isinstance(required, bool):
        reader.fail(at(path, "comment_required"), "flag", SHEET_MESSAGES)
    if None in texts or points is None or not isinstance(guidance, str) or not isinstance(required, bool):
        return None
    key, title, title_en, article = (t for t in texts if t is not None)
    return Criterion(key, title, title_en, points, guidance, required, article)


def _read_veto(reader: Reader, raw: Any, path: str) -> Veto | None:
    obj = reader.obj(raw, path, VETO_FIELDS)
    if obj is None or any(name not in obj for name in VETO_FIELDS):
        return None
    key, title, title_en = (_text(reader, obj[name], at(path, name)) for name in VETO_FIELDS)
    if key is None or title is None or title_en is None:
        return None
    return Veto(key, title, title_en)


def _text(reader: Reader, value: Any, path: str) -> str | None:
    """Non-empty text; blank text (spaces only) counts as empty."""
    return reader.text(value if not isinstance(value, str) or value.strip() else "", path)


def _points(reader: Reader, value: Any, path: str) -> Decimal | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        return Decimal(value.strip())
    shown = value if isinstance(value, str) else json.dumps(value, default=str)
    reader.fail(path, "points_type", SHEET_MESSAGES, value=shown)
    return None


def _sheet_problems(sheet: Sheet, prefix: str) -> list[FieldError]:
    """What does not fit in a sheet of the right types (paths under ``prefix``)."""
    reader = Reader()
    criteria, vetoes = at(prefix, "criteria"), at(prefix, "vetoes")
    if not sheet.criteria:
        reader.fail(criteria, "no_criteria", SHEET_MESSAGES)
    _check_entries(reader, [(item(criteria, i), c.key, (c.title, c.title_en)) for i, c in enumerate(sheet.criteria)])
    _check_entries(reader, [(item(vetoes, i), v.key, (v.title, v.title_en)) for i, v in enumerate(sheet.vetoes)])
    for i, c in enumerate(sheet.criteria):
        _check_points(reader, c.points, at(item(criteria, i), "points"))
        if not c.article.strip():
            reader.fail(at(item(criteria, i), "article"), "text")
    if sheet.criteria and not reader.errors and sheet.total_points != SHEET_TOTAL:
        reader.fail(criteria, "total", SHEET_MESSAGES, total=format_points(sheet.total_points))
    return reader.errors


def _check_entries(reader: Reader, entries: Sequence[tuple[str, str, tuple[str, str]]]) -> None:
    """Keys are identifiers, titles are not blank; keys, Chinese titles and English titles are each unique."""
    for path, key, (title, title_en) in entries:
        if not _SLUG.fullmatch(key):
            reader.fail(at(path, "key"), "slug", SHEET_MESSAGES, value=key)
        for name, text in (("title", title), ("title_en", title_en)):
            if not text.strip():
                reader.fail(at(path, name), "text")
    reader.unique([(at(path, "key"), key) for path, key, _ in entries])
    reader.unique([(at(path, "title"), titles[0]) for path, _, titles in entries if titles[0].strip()])
    reader.unique([(at(path, "title_en"), titles[1]) for path, _, titles in entries if titles[1].strip()])


def _check_points(reader: Reader, points: Decimal, path: str) -> None:
    if not isinstance(points, Decimal) or not points.is_finite():
        reader.fail(path, "points_type", SHEET_MESSAGES, value=points)
    elif points <= 0:
        reader.fail(path, "points_positive", SHEET_MESSAGES, value=format_points(points))
    elif not _whole_or_half(points):
        reader.fail(path, "points_half", SHEET_MESSAGES, value=format_points(points))


def _whole_or_half(value: Decimal) -> bool:
    """7 and 7.5, not 7.25 (doubling is exact for any score: no remainder that could overflow)."""
    double = value * 2
    return double == double.to_integral_value()
