"""What the eligibility and import commands share: exit codes, reading files, the words they print.

The commands print in Chinese or English (``--lang``), as the pure core
phrases its messages; their own few words are kept here in both languages.
Exit codes: 0 everything was judged or imported; 2 some input was invalid
(each problem on standard error, naming the file and the field path; the
valid inputs are still judged or imported); 1 the command could not run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Final, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from smartmfg.rules.schema import FieldError
from smartmfg.rules.text import LANGS, Lang, Text

INVALID_INPUT: Final = 2

WORDS: Final[dict[str, dict[Lang, str]]] = {
    "eligible": {"zh": "符合认定条件", "en": "eligible"},
    "ineligible": {"zh": "不符合认定条件", "en": "not eligible"},
    "recognition": {"zh": "认定", "en": "recognition"},
    "cultivation": {"zh": "培育阶段", "en": "cultivation stage"},
    "no_track": {"zh": "无认定/培育路径", "en": "no track"},
    "invested": {"zh": "计入投资 {amount}", "en": "eligible investment {amount}"},
    "pass": {"zh": "符合", "en": "pass"},
    "fail": {"zh": "不符合", "en": "fail"},
    "manual": {"zh": "需人工判断", "en": "manual"},
    "unreadable": {"zh": "无法读取文件：{reason}", "en": "cannot read the file: {reason}"},
    "summary_invalid": {
        "zh": "共{total}项，{invalid}项数据无效（见上）",
        "en": "{total} in all, {invalid} invalid (see above)",
    },
    "imported": {
        "zh": "已导入 {reference}（{enterprise}，{bureau}）",
        "en": "imported {reference} ({enterprise}, {bureau})",
    },
    "import_summary": {
        "zh": "已导入{imported}项，{failed}项未导入",
        "en": "{imported} imported, {failed} not imported",
    },
}


def word(key: str, lang: Lang, **params: Any) -> str:
    return Text(WORDS, key, params).render(lang)


class InvalidInput(CommandError):
    """Some input was invalid; its problems have been written already."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message, returncode=INVALID_INPUT)


class QuietExitCommand(BaseCommand):
    """A command whose “some input was invalid” ends with exit status 2 and no extra line.

    Called from code (``call_command``), it raises ``InvalidInput`` instead.
    """

    requires_system_checks: list[str] = []

    def execute(self, *args: Any, **options: Any) -> Any:
        try:
            return super().execute(*args, **options)
        except BrokenPipeError:
            if not getattr(self, "_called_from_command_line", False):
                raise
            # The reader stopped reading (``| head``): nothing went wrong here.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except InvalidInput as invalid:
            if not getattr(self, "_called_from_command_line", False):
                raise
            if str(invalid):
                self.stderr.write(str(invalid))
            sys.exit(invalid.returncode)


def add_lang(parser: CommandParser) -> None:
    parser.add_argument("--lang", choices=LANGS, default="zh", help="输出语言：zh 中文（默认）或 en 英文")


def read_input(path: str, stdin: TextIO | None = None) -> bytes:
    """The bytes of ``path``; ``-`` is standard input. Raises ``OSError`` when unreadable."""
    if path == "-":
        stream = stdin or sys.stdin
        buffer = getattr(stream, "buffer", None)
        return buffer.read() if buffer is not None else stream.read().encode("utf-8")
    return Path(path).read_bytes()


def source_name(path: str) -> str:
    return "<stdin>" if path == "-" else path


def error_lines(source: str, errors: tuple[FieldError, ...] | list[FieldError], lang: Lang) -> list[str]:
    """``file.json[1]: investments[1].amount: message`` per problem."""
    return [f"{source}: {error.render(lang)}" for error in errors]
