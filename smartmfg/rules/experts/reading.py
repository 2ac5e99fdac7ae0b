"""Reading the JSON inputs of the draw and the assignment: each problem named by its path.

A path is what a person finds in the file: ``pool[3].group``, ``quotas.财务``,
``affinity[3][7]``. ``Reader`` collects every problem of one input; the
caller raises them together (``schema.FieldError``, as the import format does).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Final

from ..schema import FieldError
from ..text import Lang, Text

MESSAGES: Final[dict[str, dict[Lang, str]]] = {
    "object": {"zh": "应为JSON对象", "en": "must be a JSON object"},
    "array": {"zh": "应为数组", "en": "must be an array"},
    "text": {"zh": "应为非空文本", "en": "must be non-empty text"},
    "text_or_null": {"zh": "应为非空文本或null", "en": "must be non-empty text or null"},
    "whole": {"zh": "应为整数，实际为“{value}”", "en": "must be a whole number, not '{value}'"},
    "number": {"zh": "应为0至1之间的数，实际为“{value}”", "en": "must be a number from 0 to 1, not '{value}'"},
    "negative": {"zh": "不能为负数，实际为{value}", "en": "cannot be negative ({value})"},
    "missing": {"zh": "缺少此项", "en": "is missing"},
    "unknown": {"zh": "不是此格式的字段", "en": "is not a field of this format"},
    "duplicate": {"zh": "“{value}”与{other}重复", "en": "'{value}' is already {other}"},
    "id": {"zh": "应为非空文本或整数", "en": "must be non-empty text or a whole number"},
}


class InvalidInput(ValueError):
    """An input that cannot be read or does not fit together; ``problems`` names each by its JSON path."""

    def __init__(self, problems: Sequence[FieldError]) -> None:
        self.problems = tuple(problems)
        super().__init__(self.render("zh"))

    def render(self, lang: Lang = "zh") -> str:
        return "\n".join(p.render(lang) for p in self.problems)


def field(path: str, key: str) -> str:
    """``pool[3]`` and ``group`` make ``pool[3].group``; at the top, just ``group``."""
    return f"{path}.{key}" if path else key


def item(path: str, index: int) -> str:
    return f"{path}[{index}]"


def problem(path: str, key: str, catalogue: Mapping[str, Mapping[Lang, str]] = MESSAGES, **params: Any) -> FieldError:
    return FieldError(path, Text(catalogue, key, params))


class Reader:
    """Reads JSON values, collecting a ``FieldError`` for each one that is not what it should be.

    Each method returns the value when it is right and None (after noting the
    problem) when it is not, so one pass finds every problem.
    """

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, path: str, key: str, catalogue: Mapping[str, Mapping[Lang, str]] = MESSAGES, **params: Any) -> None:
        self.errors.append(problem(path, key, catalogue, **params))

    def obj(
        self, value: Any, path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Any] | None:
        """An object with every ``required`` key, perhaps some ``optional`` ones, and nothing else."""
        if not isinstance(value, dict):
            self.fail(path, "object")
            return None
        for key in required:
            if key not in value:
                self.fail(field(path, key), "missing")
        for key in value:
            if key not in required and key not in optional:
                self.fail(field(path, str(key)), "unknown")
        return value

    def mapping(self, value: Any, path: str) -> dict[str, Any] | None:
        """An object whose keys are data (group names...), not fields."""
        if not isinstance(value, dict):
            self.fail(path, "object")
            return None
        return value

    def array(self, value: Any, path: str) -> list[Any] | None:
        if not isinstance(value, list):
            self.fail(path, "array")
            return None
        return value

    def text(self, value: Any, path: str) -> str | None:
        if not isinstance(value, str) or not value:
            self.fail(path, "text")
            return None
        return value

    def whole(self, value: Any, path: str) -> int | None:
        """A whole number, zero or more (``true`` is not a number, nor is ``3.0``)."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, "whole", value=_shown(value))
            return None
        if value < 0:
            self.fail(path, "negative", value=value)
            return None
        return value

    def unique(self, values: list[tuple[str, Any]]) -> None:
        """A problem for each ``(path, value)`` whose value came earlier (naming where)."""
        first: dict[Any, str] = {}
        for path, value in values:
            if value in first:
                self.fail(path, "duplicate", value=value, other=first[value])
            else:
                first[value] = path


def _shown(value: Any) -> str:
    """A wrong value as the file wrote it (JSON), cut short when long."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "..."
