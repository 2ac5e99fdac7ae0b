"""``smartmfg experts``: run a draw, verify a published one, solve an assignment, with no database.

    smartmfg experts draw INPUTS.json --seed SEED [--seed-source TEXT] [--declined CODE ...] [--json] [--lang zh|en]
    smartmfg experts verify-draw DOC.json [--lang zh|en]
    smartmfg experts assign FILE [--json] [--lang zh|en]

``draw`` prints the draw document of the inputs under the seed (JSON with
``--json``); ``verify-draw`` re-runs a document (exit 0 true, 1 false with the
first difference, 2 unreadable); ``assign`` prints the optimal assignment of
an instance (exit 2 when there is none, with the reason, or when the file is
malformed, naming the field). ``-`` reads standard input. See
docs/draw-and-assignment.md.
"""

from __future__ import annotations

import json
from typing import Any, Final, NoReturn

from django.core.management.base import CommandParser

from smartmfg.eligibility.management.commands._cli import (
    InvalidInput,
    QuietExitCommand,
    add_lang,
    read_input,
    source_name,
    word,
)
from smartmfg.rules.experts.assignment import (
    Infeasible,
    Instance,
    InvalidInstance,
    Solution,
    json_id,
    parse_instance,
    solve,
)
from smartmfg.rules.experts.draw import (
    DrawInputs,
    InvalidDrawInput,
    document_problem,
    draw_document,
    verified_text,
    verify_document,
)
from smartmfg.rules.schema import FieldError
from smartmfg.rules.text import Lang, Text

DRAW, VERIFY, ASSIGN = "draw", "verify-draw", "assign"
FALSE_DOCUMENT: Final = 1

WORDS: Final[dict[str, dict[Lang, str]]] = {
    "purpose": {"zh": "抽取：{purpose}", "en": "draw: {purpose}"},
    "digest": {"zh": "输入摘要（SHA-256）：{digest}", "en": "inputs digest (SHA-256): {digest}"},
    "seed": {"zh": "随机种子：{seed}（来源：{source}）", "en": "seed: {seed} (source: {source})"},
    "no_source": {"zh": "未说明", "en": "not given"},
    "group": {"zh": "{group}（{count}名）：{codes}", "en": "{group} ({count}): {codes}"},
    "nobody": {"zh": "无", "en": "nobody"},
    "replaced": {
        "zh": "替补：{declined} 谢绝 → {replacement}",
        "en": "replacement: {declined} declined → {replacement}",
    },
    "exhausted": {"zh": "无（该组已无可抽取的专家）", "en": "none (the group has nobody left)"},
    "false": {"zh": "抽取文件不属实：{difference}", "en": "the document is false: {difference}"},
    "header": {"zh": "申报\t专家", "en": "application\texperts"},
    "total": {
        "zh": "共{applications}项申报、{reviews}人次评审，匹配度合计 {total}",
        "en": "{applications} applications, {reviews} reviews, total affinity {total}",
    },
    "loads": {"zh": "专家分配数：{loads}", "en": "experts' loads: {loads}"},
    "infeasible": {"zh": "无可行分配：{reason}", "en": "no feasible assignment: {reason}"},
    "not_json": {"zh": "不是有效的JSON：{reason}", "en": "not valid JSON: {reason}"},
}


def say(key: str, lang: Lang, **params: Any) -> str:
    return Text(WORDS, key, params).render(lang)


class Command(QuietExitCommand):
    help = (
        "评审专家的随机抽取、抽取文件核验和最优分配（不使用数据库）：smartmfg experts draw 输入文件 --seed 种子 "
        "[--seed-source 来源] [--declined 编号 ...] [--json]；smartmfg experts verify-draw 抽取文件；"
        "smartmfg experts assign [--json] 文件。“-”读标准输入。"
        "退出码：0 完成（抽取文件属实）；1 抽取文件不属实；2 输入无效或无可行分配。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="{draw,verify-draw,assign}")
        drawing = commands.add_parser(DRAW, help="按输入和随机种子抽取专家，输出抽取文件")
        drawing.add_argument("file", metavar="INPUTS.json", help="抽取输入（JSON），“-”读标准输入")
        drawing.add_argument("--seed", required=True, metavar="SEED", help="随机种子（平台生成的为64位十六进制）")
        drawing.add_argument("--seed-source", default="", metavar="TEXT", help="随机种子的来源")
        drawing.add_argument(
            "--declined", nargs="+", action="extend", default=[], metavar="CODE", help="按谢绝顺序列出谢绝的专家编号"
        )
        drawing.add_argument("--json", action="store_true", help="输出JSON格式的抽取文件")
        add_lang(drawing)
        verifying = commands.add_parser(VERIFY, help="按 smartmfg-draw-1 复现抽取文件，核验是否属实")
        verifying.add_argument("file", metavar="DOC.json", help="抽取文件（JSON），“-”读标准输入")
        add_lang(verifying)
        assigning = commands.add_parser(ASSIGN, help="求评审专家的最优分配")
        assigning.add_argument("file", metavar="FILE", help="分配问题（JSON），“-”读标准输入")
        assigning.add_argument("--json", action="store_true", help="输出JSON")
        add_lang(assigning)

    def handle(self, *args: Any, **options: Any) -> None:
        subcommand: str = options["subcommand"]
        lang: Lang = options["lang"]
        data = self._load(options["file"], lang)
        if subcommand == DRAW:
            self._draw(data, options, lang)
        elif subcommand == VERIFY:
            self._verify(data, lang)
        else:
            self._assign(data, as_json=options["json"], source=source_name(options["file"]), lang=lang)

    def _load(self, path: str, lang: Lang) -> Any:
        source = source_name(path)
        try:
            text = read_input(path, getattr(self, "stdin", None))
        except OSError as error:
            raise InvalidInput(f"{source}: {word('unreadable', lang, reason=error.strerror or error)}") from None
        try:
            return json.loads(text)
        except ValueError as error:
            raise InvalidInput(f"{source}: {say('not_json', lang, reason=error)}") from None

    # -------------------------------------------------------------------- draw

    def _draw(self, data: Any, options: dict[str, Any], lang: Lang) -> None:
        source = source_name(options["file"])
        try:
            inputs = DrawInputs.from_json(data)
            doc = draw_document(inputs, options["seed"], options["seed_source"], options["declined"])
        except InvalidDrawInput as invalid:
            self._problems(source, invalid.problems, lang)
        if options["json"]:
            self.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2))
            return
        self._print_draw(inputs, doc, lang)

    def _print_draw(self, inputs: DrawInputs, doc: dict[str, Any], lang: Lang) -> None:
        out = self.stdout.write
        out(say("purpose", lang, purpose=inputs.purpose))
        out(say("digest", lang, digest=doc["inputs_sha256"]))
        out(say("seed", lang, seed=doc["seed"], source=doc["seed_source"] or say("no_source", lang)))
        group_of = inputs.group_of()
        for group in sorted(inputs.quotas):
            codes = [code for code in doc["selected"] if group_of[code] == group]
            shown = ("、" if lang == "zh" else ", ").join(codes) or say("nobody", lang)
            out(say("group", lang, group=group, count=len(codes), codes=shown))
        for replacement in doc["replacements"]:
            taken = replacement["replacement"] or say("exhausted", lang)
            out(say("replaced", lang, declined=replacement["declined"], replacement=taken))

    # ------------------------------------------------------------- verify-draw

    def _verify(self, doc: Any, lang: Lang) -> None:
        problem = document_problem(doc)
        if problem is not None:
            raise InvalidInput(problem.render(lang))
        difference = verify_document(doc)
        if difference is None:
            self.stdout.write(verified_text().render(lang))
            return
        self.stdout.write(say("false", lang, difference=difference))
        false = InvalidInput()
        false.returncode = FALSE_DOCUMENT
        raise false

    # ------------------------------------------------------------------ assign

    def _assign(self, data: Any, *, as_json: bool, source: str, lang: Lang) -> None:
        try:
            instance = parse_instance(data)
        except InvalidInstance as invalid:
            self._problems(source, invalid.problems, lang)
        try:
            solution = solve(instance)
        except Infeasible as infeasible:
            reason = infeasible.reason.render(lang)
            if as_json:
                self.stdout.write(json.dumps({"status": "infeasible", "reason": reason}, ensure_ascii=False))
            else:
                self.stdout.write(say("infeasible", lang, reason=reason))
            raise InvalidInput() from None
        rows = _rows(solution, data)
        if as_json:
            total = round(solution.total_affinity, 6)
            answer = {"status": "optimal", "assignment": rows, "total_affinity": total}
            self.stdout.write(json.dumps(answer, ensure_ascii=False))
            return
        self._print_assignment(instance, solution, rows, lang)

    def _print_assignment(self, instance: Instance, solution: Solution, rows: list[dict[str, Any]], lang: Lang) -> None:
        out = self.stdout.write
        sep = "、" if lang == "zh" else ", "
        out(say("header", lang))
        for row in rows:
            out(f"{row['application']}\t{sep.join(str(e) for e in row['experts'])}")
        reviews = sum(len(row["experts"]) for row in rows)
        total = f"{solution.total_affinity:.6f}".rstrip("0").rstrip(".")
        out(say("total", lang, applications=len(rows), reviews=reviews, total=total))
        loads = solution.loads()
        out(say("loads", lang, loads=sep.join(f"{e.id} {loads[e.id]}" for e in instance.experts)))

    def _problems(self, source: str, problems: tuple[FieldError, ...], lang: Lang) -> NoReturn:
        for problem in problems:
            self.stderr.write(f"{source}: {problem.render(lang)}")
        raise InvalidInput()


def _rows(solution: Solution, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The assignment with every id as the file wrote it (a number stays a number)."""
    applications = {json_id(a["id"]): a["id"] for a in data["applications"]}
    experts = {json_id(e["id"]): e["id"] for e in data["experts"]}
    return [
        {"application": applications[app], "experts": [experts[e] for e in chosen]}
        for app, chosen in solution.assignment.items()
    ]
