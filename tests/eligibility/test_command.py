"""``smartmfg eligibility`` and ``smartmfg policy show``: output, languages, standard input, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from smartmfg.eligibility.actions import do_change_policy
from smartmfg.rules.policy import DEFAULT_POLICY
from tests.eligibility.documents import document, text


def run(*args: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as error:
        if error.returncode == 1:
            raise
        return error.returncode, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    eligible = document()
    short = document(total="19999999.99")
    bad = document()
    bad["investments"][1]["amount"] = 12.5
    bad["enterprise"]["uscc"] = "91220102MA0EXAMP1X"
    paths = {"one": tmp_path / "one.json", "two": tmp_path / "two.json", "bad": tmp_path / "bad.json"}
    paths["one"].write_text(text(eligible), encoding="utf-8")
    paths["two"].write_text(text(eligible, short), encoding="utf-8")
    paths["bad"].write_text(text(short, bad), encoding="utf-8")
    return paths


def test_a_readable_verdict_per_application(files) -> None:
    code, out, err = run("eligibility", str(files["two"]))
    assert code == 0 and err == ""
    first, second = out.strip().split("\n\n")
    assert first.startswith(f"{files['two']}[0]  数字化车间（生产线）  符合认定条件 · 认定 · 计入投资 2,100.00万元")
    assert "✔ 符合  第五条第1款  软硬件完成投资" in first
    assert second.startswith(f"{files['two']}[1]  数字化车间（生产线）  不符合认定条件")
    assert "✘ 不符合  第五条第1款  软硬件完成投资" in second and "1,999.999999万元" in second


def test_json_lines_in_english(files) -> None:
    code, out, _ = run("eligibility", "--json", "--lang", "en", str(files["two"]), str(files["one"]))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [line["source"] for line in lines] == [
        f"{files['two']}[0]",
        f"{files['two']}[1]",
        str(files["one"]),
    ]
    assert set(lines[0]) == {"source", "tier", "eligible", "track", "eligible_investment", "checks"}
    assert (lines[0]["eligible"], lines[0]["track"], lines[0]["eligible_investment"]) == (
        True,
        "recognition",
        "21000000.00",
    )
    check = next(c for c in lines[1]["checks"] if c["rule"] == "investment_threshold")
    assert (check["article"], check["result"]) == ("第五条第1款", "fail")
    assert "below the 20,000,000 yuan" in check["message"]


def test_invalid_input_exits_2_naming_file_and_field_and_still_judges_the_valid_ones(files) -> None:
    code, out, err = run("eligibility", "--json", str(files["bad"]), "missing.json")
    assert code == 2
    assert [json.loads(line)["source"] for line in out.splitlines()] == [f"{files['bad']}[0]"]
    lines = err.splitlines()
    assert f"{files['bad']}[1]: enterprise.uscc: 统一社会信用代码" in lines[0]
    assert lines[1].startswith(f"{files['bad']}[1]: investments[1].amount: 金额不能写成带小数点的数字（12.5）")
    assert lines[2].startswith("missing.json: 无法读取文件")
    assert "共3项，2项数据无效" in err


def test_errors_in_english(files) -> None:
    code, _, err = run("eligibility", "--lang", "en", str(files["bad"]))
    assert code == 2
    assert f"{files['bad']}[1]: investments[1].amount: an amount is never a number with a decimal point" in err


def test_standard_input(monkeypatch) -> None:
    code, out, _ = run("eligibility", "--json", "-", stdin=text(document()), monkeypatch=monkeypatch)
    assert code == 0 and json.loads(out)["source"] == "<stdin>"
    code, _, err = run("eligibility", "-", stdin="[1, 2]", monkeypatch=monkeypatch)
    assert code == 2 and "<stdin>: 导入内容应为一个申报对象或由申报对象组成的数组" in err


def test_a_policy_file_changes_the_verdict_and_a_bad_one_is_refused(tmp_path, files) -> None:
    lenient = tmp_path / "policy.json"
    lenient.write_text(json.dumps({"min_investment.digital_workshop": "19000000.00"}), encoding="utf-8")
    code, out, _ = run("eligibility", "--json", "--policy", str(lenient), str(files["two"]))
    assert code == 0 and [json.loads(line)["eligible"] for line in out.splitlines()] == [True, True]
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"min_investment.digital_workshop": 1.5, "ban_years": 0}), encoding="utf-8")
    code, out, err = run("eligibility", "--policy", str(wrong), str(files["one"]))
    assert code == 2 and out == ""
    assert "min_investment.digital_workshop" in err and "ban_years" in err


def test_arguments_that_make_no_sense_are_refused() -> None:
    with pytest.raises(CommandError, match="至少一个"):
        call_command("eligibility", stdout=io.StringIO())
    with pytest.raises(CommandError, match="what-if"):
        call_command("eligibility", "x.json", "--set", "ban_years=2", stdout=io.StringIO())


def test_the_real_command_exits_with_status_2_without_a_traceback(files) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "smartmfg", "eligibility", "--json", str(files["bad"])],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert len(done.stdout.splitlines()) == 1
    assert "investments[1].amount" in done.stderr and "Traceback" not in done.stderr
    assert "CommandError" not in done.stderr


# ------------------------------------------------------------- policy show


def test_policy_show_prints_what_policy_accepts(db, cast, tmp_path, files) -> None:
    _, out, _ = run("policy", "show")
    assert json.loads(out) == DEFAULT_POLICY.to_dict()
    do_change_policy(cast.call, {"min_investment.digital_workshop": "22000000.00"}, reason="试", actor=cast.dept)
    _, out, _ = run("policy", "show", "--call", str(cast.call.pk))
    assert json.loads(out)["min_investment.digital_workshop"] == "22000000.00"
    saved = tmp_path / "call.json"
    saved.write_text(out, encoding="utf-8")
    _, judged, _ = run("eligibility", "--json", "--policy", str(saved), str(files["one"]))
    assert json.loads(judged)["eligible"] is False  # 21,000,000 is short of the call's 22,000,000
    with pytest.raises(CommandError, match="没有ID为"):
        call_command("policy", "show", "--call", "999999", stdout=io.StringIO())


# ------------------------------------------------------------------ what-if


def test_what_if_prints_both_directions_without_saving(db, cast) -> None:
    from smartmfg.intake.actions import do_import_application
    from tests import factories

    factories.import_under(
        cast.call, cast.dept, [document(total="19000000.00")], **{"min_investment.digital_workshop": "19000000.00"}
    )
    do_import_application(cast.call, document(tier="smart_factory", total="45000000.00"), actor=cast.dept)
    before = cast.call.policy
    code, out, _ = run(
        "eligibility",
        "what-if",
        "--call",
        str(cast.call.pk),
        "--set",
        "min_investment.digital_workshop=18000000",
        "--set",
        "min_credit_rating.smart_factory=excellent",
    )
    assert code == 0
    assert "重新判定 4 项已提交的申报，2 项将改变：变为符合条件 1，变为不符合条件 1，认定/培育路径变化 0" in out
    assert "数字化车间（生产线）: 1 / 0 / 0" in out and "智能工厂: 0 / 1 / 0" in out
    assert "长春市: 1 / 1 / 0" in out
    cast.call.refresh_from_db()
    assert cast.call.policy == before

    code, out, _ = run(
        "eligibility", "what-if", "--json", "--lang", "en", "--call", str(cast.call.pk), "--set", "min_workshops=3"
    )
    result = json.loads(out)
    assert result["counts"] == {"newly_eligible": 0, "newly_ineligible": 1, "track_changed": 0}
    assert result["by_tier"]["smart_factory"]["newly_ineligible"] == 1
    assert result["changes"][0]["rules"] == [{"rule": "workshop_count", "before": "pass", "after": "fail"}]


def test_what_if_refuses_bad_parameters_with_exit_2(db, cast) -> None:
    code, out, err = run(
        "eligibility", "what-if", "--call", str(cast.call.pk), "--set", "min_workshops=0", "--set", "x=1"
    )
    assert code == 2 and out == ""
    assert "--set min_workshops: 参数“min_workshops”" in err and "应在1至100之间" in err
    assert "--set x: 没有名为“x”的参数" in err
    with pytest.raises(CommandError, match="--call"):
        call_command("eligibility", "what-if", "--set", "min_workshops=3", stdout=io.StringIO())
