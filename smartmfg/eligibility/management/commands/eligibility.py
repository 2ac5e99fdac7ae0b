"""``smartmfg eligibility``: judge applications given in the import format, or preview a change of policy.

    smartmfg eligibility [--json] [--policy FILE] [--lang zh|en] FILE...
    smartmfg eligibility what-if --call ID --set name=value [--set ...] [--json] [--lang zh|en]

The first form stores nothing and needs no database: each FILE (``-`` for
standard input) holds one application object or an array of them. The
second judges a call's submitted applications under the call's policy and
under the changed one, and prints what would change, without saving.
See docs/eligibility.md.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser

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
from smartmfg.eligibility.verdicts import KIND_LABELS, KINDS, Judged, WhatIf, judge_documents, what_if
from smartmfg.rules.checks import RULE_LABELS
from smartmfg.rules.engine import Verdict
from smartmfg.rules.facts import TIER_LABELS
from smartmfg.rules.parameters import PARAMETER_LABELS
from smartmfg.rules.policy import DEFAULT_POLICY, InvalidPolicy, Policy
from smartmfg.rules.text import Lang, format_yuan

WHAT_IF = "what-if"
MARKS = {"pass": "✔", "fail": "✘", "manual": "?"}


class Command(QuietExitCommand):
    help = (
        "判定以导入格式给出的申报是否符合认定条件（不保存任何内容）：smartmfg eligibility [--json] "
        "[--policy 文件] [--lang zh|en] 文件...（“-”读标准输入）。预览参数调整的影响：smartmfg eligibility "
        "what-if --call 批次ID --set 参数名=值 ...。退出码：0 全部判定完成；2 有输入无效（错误见标准错误输出）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", metavar="FILE", help="申报数据文件（JSON），“-”读标准输入")
        parser.add_argument("--json", action="store_true", help="每项申报输出一行JSON")
        parser.add_argument("--policy", metavar="FILE", help="参数文件（JSON，格式同 smartmfg policy show 的输出）")
        parser.add_argument("--call", type=int, metavar="ID", help="what-if：申报批次ID")
        parser.add_argument(
            "--set", action="append", default=[], metavar="NAME=VALUE", dest="sets", help="what-if：调整的参数"
        )
        add_lang(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[str] = options["files"]
        lang: Lang = options["lang"]
        if files[:1] == [WHAT_IF]:
            if files[1:]:
                raise CommandError("what-if 不接受申报数据文件；请用 --call 和 --set")
            self._what_if(options["call"], options["sets"], as_json=options["json"], lang=lang)
            return
        if options["call"] is not None or options["sets"]:
            raise CommandError("--call 和 --set 只用于 smartmfg eligibility what-if")
        if not files:
            raise CommandError("请给出至少一个申报数据文件（“-”读标准输入）")
        policy = self._policy(options["policy"], lang)
        self._judge(files, policy, as_json=options["json"], lang=lang)

    # ----------------------------------------------------------- judging files

    def _policy(self, path: str | None, lang: Lang) -> Policy:
        if path is None:
            return DEFAULT_POLICY
        try:
            data = json.loads(read_input(path, self._stdin()))
        except (OSError, ValueError) as error:
            raise InvalidInput(f"{source_name(path)}: {word('unreadable', lang, reason=error)}") from None
        try:
            return Policy.from_dict(data)
        except InvalidPolicy as invalid:
            raise InvalidInput(f"{source_name(path)}: {invalid.render(lang)}") from None

    def _judge(self, files: list[str], policy: Policy, *, as_json: bool, lang: Lang) -> None:
        total = invalid = 0
        for path in files:
            source = source_name(path)
            try:
                text = read_input(path, self._stdin())
            except OSError as error:
                self.stderr.write(f"{source}: {word('unreadable', lang, reason=error.strerror or error)}")
                total, invalid = total + 1, invalid + 1
                continue
            for judged in judge_documents(text, source, policy):
                total += 1
                if judged.verdict is None:
                    invalid += 1
                    for line in error_lines(judged.source, judged.errors, lang):
                        self.stderr.write(line)
                elif as_json:
                    self.stdout.write(json.dumps(judged.to_dict(lang), ensure_ascii=False))
                else:
                    self._print_verdict(judged, lang)
        if invalid:
            raise InvalidInput(word("summary_invalid", lang, total=total, invalid=invalid))

    def _print_verdict(self, judged: Judged, lang: Lang) -> None:
        verdict: Verdict = judged.verdict  # type: ignore[assignment]
        outcome = word("eligible" if verdict.eligible else "ineligible", lang)
        track = word(verdict.track or "no_track", lang)
        invested = word("invested", lang, amount=format_yuan(verdict.eligible_investment, lang))
        self.stdout.write(f"{judged.source}  {TIER_LABELS[verdict.tier][lang]}  {outcome} · {track} · {invested}")
        for check in verdict.checks:
            label = RULE_LABELS[check.rule][lang]
            result = word(check.result, lang)
            self.stdout.write(
                f"  {MARKS[check.result]} {result}  {check.article}  {label}：{check.message.render(lang)}"
            )
        self.stdout.write("")

    def _stdin(self) -> Any:
        return getattr(self, "stdin", None)

    # ----------------------------------------------------------------- what-if

    def _what_if(self, call_id: int | None, sets: list[str], *, as_json: bool, lang: Lang) -> None:
        if call_id is None:
            raise CommandError("what-if 需要 --call 批次ID")
        if not sets:
            raise CommandError("what-if 需要至少一个 --set 参数名=值")
        try:
            call = Call.objects.get(pk=call_id)
        except Call.DoesNotExist:
            raise CommandError(f"没有ID为{call_id}的申报批次") from None
        changes = {}
        for item in sets:
            name, sep, value = item.partition("=")
            if not sep:
                raise InvalidInput(f"--set {item}: 应写成 参数名=值")
            changes[name.strip()] = value
        try:
            proposed = call.get_policy().with_changes(changes)
        except InvalidPolicy as invalid:
            for problem in invalid.problems:
                self.stderr.write(f"--set {problem.name}: {problem.message.render(lang)}")
            raise InvalidInput() from None
        result = what_if(call, proposed)
        if as_json:
            self.stdout.write(json.dumps(result.to_dict(lang), ensure_ascii=False, indent=2))
        else:
            self._print_what_if(call, result, lang)

    def _print_what_if(self, call: Call, result: WhatIf, lang: Lang) -> None:
        out = self.stdout.write
        zh = lang == "zh"
        out(f"{'批次' if zh else 'call'}: {call.title} (ID {call.pk})")
        for name, old, new in result.diff:
            out(f"  {name}（{PARAMETER_LABELS[name][lang]}）: {old} → {new}")
        kinds = [KIND_LABELS[kind][lang] for kind in KINDS]
        counts = "，".join(f"{label} {result.count(kind)}" for label, kind in zip(kinds, KINDS, strict=True))
        if zh:
            out(f"重新判定 {result.judged} 项已提交的申报，{result.changed} 项将改变：{counts}")
        else:
            out(f"judged {result.judged} submitted applications, {result.changed} would change: {counts}")
        out("")
        out(("按申报类别" if zh else "by tier") + ": " + " / ".join(kinds))
        for tier, row in result.by_tier():
            out(f"  {TIER_LABELS[tier][lang]}: " + " / ".join(str(n) for n in row))
        out(("按地区" if zh else "by region") + ": " + " / ".join(kinds))
        for region, row in result.by_region():
            out(f"  {region.name}: " + " / ".join(str(n) for n in row))
        if result.changes:
            out("")
            names = {r.key: r.name for r in result.regions}
            for change in result.changes:
                rules = "; ".join(f"{r}: {b} → {a}" for r, b, a in change.rules)
                out(
                    f"  {change.reference}  {change.enterprise_name}  {TIER_LABELS[change.tier][lang]}  "
                    f"{names.get(change.region, '')}  {KIND_LABELS[change.kind][lang]}  {rules}"
                )
