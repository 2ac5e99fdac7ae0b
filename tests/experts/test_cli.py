"""``smartmfg experts draw|verify-draw|assign``: outputs, languages, standard input, exit codes; no database."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from smartmfg.rules.experts.draw import DrawInputs, draw_document

SEED = "9f2c1a7e5b3d4c6f8a0e1b2d3c4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f"
INPUTS = {
    "purpose": "2026年度智能工厂评审",
    "pool": [
        {"code": code, "group": group}
        for code, group in [
            ("ZJ0001", "智能制造"),
            ("ZJ0002", "智能制造"),
            ("ZJ0003", "财务"),
            ("ZJ0004", "智能制造"),
            ("ZJ0005", "财务"),
            ("ZJ0006", "智能制造"),
            ("ZJ0007", "财务"),
            ("ZJ0008", "智能制造"),
            ("ZJ0009", "财务"),
        ]
    ],
    "excluded": ["ZJ0004"],
    "quotas": {"智能制造": 3, "财务": 2},
}
INSTANCE = {
    "applications": [{"id": 101, "reviews": 2}, {"id": "B-2", "reviews": 1}],
    "experts": [
        {"id": "ZJ0001", "min_load": 1, "max_load": 2},
        {"id": 7, "min_load": 0, "max_load": 1},
        {"id": "ZJ0003", "min_load": 0, "max_load": 2},
    ],
    "affinity": [[0.9, 0.2, 0.5], [0.6, 0.7, 0.1]],
    "conflicts": [[101, 7]],
}


def run(*args: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
    try:
        call_command("experts", *args, stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


def write(tmp_path: Path, name: str, content: object) -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False), "utf-8")
    return str(path)


# draw ---------------------------------------------------------------------------------------


def test_draw_prints_the_document_as_json(tmp_path: Path) -> None:
    path = write(tmp_path, "inputs.json", INPUTS)
    code, out, err = run("draw", path, "--seed", SEED, "--seed-source", "平台", "--declined", "ZJ0006", "--json")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert doc == draw_document(DrawInputs.from_json(INPUTS), SEED, "平台", ["ZJ0006"])
    assert doc["selected"] == ["ZJ0006", "ZJ0002", "ZJ0008", "ZJ0007", "ZJ0005"]
    assert doc["replacements"] == [{"declined": "ZJ0006", "replacement": "ZJ0001"}]


def test_draw_reads_in_chinese_or_english(tmp_path: Path) -> None:
    path = write(tmp_path, "inputs.json", INPUTS)
    code, out, _ = run("draw", path, "--seed", SEED, "--declined", "ZJ0006", "ZJ0001")
    assert code == 0
    assert out.splitlines() == [
        "抽取：2026年度智能工厂评审",
        "输入摘要（SHA-256）：" + draw_document(DrawInputs.from_json(INPUTS), SEED, "")["inputs_sha256"],
        f"随机种子：{SEED}（来源：未说明）",
        "智能制造（3名）：ZJ0006、ZJ0002、ZJ0008",
        "财务（2名）：ZJ0007、ZJ0005",
        "替补：ZJ0006 谢绝 → ZJ0001",
        "替补：ZJ0001 谢绝 → 无（该组已无可抽取的专家）",
    ]
    code, out, _ = run("draw", path, "--seed", SEED, "--lang", "en")
    assert "智能制造 (3): ZJ0006, ZJ0002, ZJ0008" in out and "seed: " in out


def test_draw_from_standard_input(monkeypatch) -> None:
    code, out, _ = run("draw", "-", "--seed", "x", "--json", stdin=json.dumps(INPUTS), monkeypatch=monkeypatch)
    assert code == 0 and json.loads(out)["seed"] == "x"


def test_draw_with_invalid_inputs_exits_2_naming_the_field(tmp_path: Path) -> None:
    bad = {**INPUTS, "quotas": {"财务": 9}}
    path = write(tmp_path, "inputs.json", bad)
    code, out, err = run("draw", path, "--seed", SEED, "--lang", "en")
    assert code == 2 and out == ""
    assert f"{path}: quotas.财务: group '财务' has 4 experts left" in err
    code, _, err = run("draw", write(tmp_path, "ok.json", INPUTS), "--seed", SEED, "--declined", "ZJ0001")
    assert code == 2 and "declined[0]: “ZJ0001”此时尚未被抽中" in err
    code, _, err = run("draw", str(tmp_path / "missing.json"), "--seed", SEED)
    assert code == 2 and "无法读取文件" in err
    code, _, err = run("draw", write(tmp_path, "broken.json", "{"), "--seed", SEED)
    assert code == 2 and "不是有效的JSON" in err


# verify-draw ----------------------------------------------------------------------------------


def document(tmp_path: Path, change=None) -> str:
    doc = draw_document(DrawInputs.from_json(INPUTS), SEED, "平台", ["ZJ0006", "ZJ0007"])
    if change:
        change(doc)
    return write(tmp_path, "doc.json", doc)


def test_a_true_document_exits_0(tmp_path: Path) -> None:
    code, out, err = run("verify-draw", document(tmp_path))
    assert (code, err) == (0, "")
    assert out.startswith("抽取文件属实")
    assert run("verify-draw", document(tmp_path), "--lang", "en")[1].startswith("the document is true")


def test_a_tampered_document_exits_1_naming_the_first_difference(tmp_path: Path) -> None:
    def swap(doc: dict) -> None:
        doc["selected"][3] = "ZJ0009"

    code, out, _ = run("verify-draw", document(tmp_path, swap), "--lang", "en")
    assert code == 1
    assert out.strip() == (
        "the document is false: selected[3] (position 4) is 'ZJ0009', but re-running the draw gives 'ZJ0007'"
    )

    def replace(doc: dict) -> None:
        doc["replacements"][1]["replacement"] = "ZJ0003"

    code, out, _ = run("verify-draw", document(tmp_path, replace))
    assert code == 1 and "replacements[1]：“ZJ0007”谢绝后的替补为“ZJ0003”，按算法复现应为“ZJ0009”" in out

    def digest(doc: dict) -> None:
        doc["inputs"]["excluded"] = []

    code, out, _ = run("verify-draw", document(tmp_path, digest))
    assert code == 1 and "抽取输入与公布的摘要不符" in out


def test_an_unreadable_or_malformed_document_exits_2(tmp_path: Path, monkeypatch) -> None:
    code, _, err = run("verify-draw", "-", stdin="not json", monkeypatch=monkeypatch)
    assert code == 2 and "<stdin>: 不是有效的JSON" in err
    code, out, err = run("verify-draw", document(tmp_path, lambda d: d.pop("seed")), "--lang", "en")
    assert code == 2 and out == "" and "the draw document's seed is wrong: is missing" in err


# assign -------------------------------------------------------------------------------------------


def test_assign_prints_the_optimal_assignment_with_ids_as_given(tmp_path: Path) -> None:
    code, out, err = run("assign", "--json", write(tmp_path, "instance.json", INSTANCE))
    assert (code, err) == (0, "")
    answer = json.loads(out)
    assert answer == {
        "status": "optimal",
        "assignment": [
            {"application": 101, "experts": ["ZJ0001", "ZJ0003"]},
            {"application": "B-2", "experts": [7]},
        ],
        "total_affinity": 2.1,
    }


def test_assign_prints_a_table(tmp_path: Path) -> None:
    code, out, _ = run("assign", write(tmp_path, "instance.json", INSTANCE))
    assert code == 0
    assert out.splitlines() == [
        "申报\t专家",
        "101\tZJ0001、ZJ0003",
        "B-2\t7",
        "共2项申报、3人次评审，匹配度合计 2.1",
        "专家分配数：ZJ0001 1、7 1、ZJ0003 1",
    ]


def test_an_infeasible_instance_exits_2_with_the_reason(tmp_path: Path) -> None:
    tight = {**INSTANCE, "applications": [{"id": 101, "reviews": 3}, {"id": "B-2", "reviews": 3}]}
    code, out, _ = run("assign", "--json", "--lang", "en", write(tmp_path, "instance.json", tight))
    assert code == 2
    assert json.loads(out) == {
        "status": "infeasible",
        "reason": "6 reviews are needed but the experts can take at most 5: add experts, raise max_load or lower "
        "reviews",
    }
    code, out, _ = run("assign", write(tmp_path, "instance.json", tight))
    assert code == 2 and out.startswith("无可行分配：需要6人次评审")


def test_a_malformed_instance_exits_2_naming_the_field(tmp_path: Path) -> None:
    bad = json.loads(json.dumps(INSTANCE))
    bad["affinity"][1] = [0.6, 0.7]
    bad["conflicts"].append([101, "nobody"])
    path = write(tmp_path, "instance.json", bad)
    code, out, err = run("assign", "--json", "--lang", "en", path)
    assert code == 2 and out == ""
    assert f"{path}: affinity[1]: must have 3 values, one per expert, not 2" in err
    assert f"{path}: conflicts[1][1]: no expert has the id 'nobody'" in err


def test_a_subcommand_is_needed() -> None:
    with pytest.raises(CommandError):
        call_command("experts")


def test_a_false_document_exits_1_from_the_command_line(tmp_path: Path) -> None:
    """The real process (one: each starts Django): status 1 reaches the shell, the difference on standard output."""
    doc = json.loads(Path(document(tmp_path)).read_text("utf-8"))
    doc["selected"][0] = "ZJ0001"
    done = subprocess.run(
        [sys.executable, "-m", "smartmfg", "experts", "verify-draw", write(tmp_path, "tampered.json", doc)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.startswith("抽取文件不属实：selected[0]（第1位）为“ZJ0001”")
