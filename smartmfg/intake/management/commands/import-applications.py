"""``smartmfg import-applications --call ID --actor USERNAME FILE...``: enter applications received on paper
or from another system, in the import format (see docs/eligibility.md).

Each valid application is imported in its own transaction and enters the
procedure at its local bureau; each invalid one is reported (file, index
and field path) and skipped. Exit status 2 when any was invalid.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError, CommandParser

from smartmfg.accounts.models import User
from smartmfg.calls.models import Call
from smartmfg.eligibility.management.commands._cli import (
    InvalidInput,
    QuietExitCommand,
    add_lang,
    error_lines,
    read_input,
    source_name,
    word,
)
from smartmfg.intake.actions import import_file
from smartmfg.intake.importing import Outcome
from smartmfg.rules.text import Lang


class Command(QuietExitCommand):
    help = (
        "由省工信厅工作人员导入申报（JSON导入格式）：每项申报单独导入并提交属地工信部门初审；"
        "数据无效的逐项报告并跳过。退出码：0 全部导入；2 有申报未导入。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="申报数据文件（JSON），“-”读标准输入")
        parser.add_argument("--call", type=int, required=True, metavar="ID", help="导入到的申报批次ID")
        parser.add_argument("--actor", required=True, metavar="USERNAME", help="办理导入的省工信厅工作人员账号")
        add_lang(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        lang: Lang = options["lang"]
        try:
            call = Call.objects.get(pk=options["call"])
        except Call.DoesNotExist:
            raise CommandError(f"没有ID为{options['call']}的申报批次") from None
        try:
            actor = User.objects.get(username=options["actor"], is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"没有名为“{options['actor']}”的有效账号") from None
        imported = failed = 0
        for path in options["files"]:
            source = source_name(path)
            try:
                text = read_input(path, getattr(self, "stdin", None))
            except OSError as error:
                self.stderr.write(f"{source}: {word('unreadable', lang, reason=error.strerror or error)}")
                failed += 1
                continue
            try:
                outcomes = import_file(call, text, actor=actor, source=source, progress=lambda o: self._report(o, lang))
            except PermissionDenied as denied:
                raise CommandError(str(denied)) from None
            imported += sum(o.imported for o in outcomes)
            failed += sum(not o.imported for o in outcomes)
        summary = word("import_summary", lang, imported=imported, failed=failed)
        if failed:
            raise InvalidInput(summary)
        self.stdout.write(summary)

    def _report(self, outcome: Outcome, lang: Lang) -> None:
        application = outcome.application
        if application is None:
            for line in error_lines(outcome.source, outcome.errors, lang):
                self.stderr.write(line)
            return
        line = word(
            "imported",
            lang,
            reference=application.reference,
            enterprise=application.enterprise.name,
            bureau=application.jurisdiction.name,
        )
        self.stdout.write(f"{outcome.source}: {line}")
