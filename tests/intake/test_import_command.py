"""``smartmfg import-applications``: one line per application, errors on standard error, exit 2 if any failed."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from smartmfg.applications.models import Application
from tests.eligibility.documents import document, text


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import-applications", *args, stdout=out, stderr=err)
    except CommandError as error:
        if error.returncode != 2:
            raise
        return 2, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


def test_valid_files_are_imported_and_reported(cast, tmp_path) -> None:
    path = tmp_path / "纸质申报.json"
    path.write_text(
        text(document(region="220202"), document(tier="smart_factory", total="41000000.00")), encoding="utf-8"
    )
    code, out, err = _run("--call", str(cast.call.pk), "--actor", "dept", str(path))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith(f"{path}[0]: 已导入 {cast.call.year}-CJ-")
    assert lines[0].endswith("，昌邑区工业和信息化局）")  # the county bureau of 220202
    assert lines[1].startswith(f"{path}[1]: 已导入 {cast.call.year}-GC-")
    assert lines[-1] == "已导入2项，0项未导入"
    assert Application.objects.filter(call=cast.call, status="submitted").count() == 4


def test_invalid_and_duplicate_ones_are_skipped_with_exit_2(cast, tmp_path) -> None:
    good = document()
    bad = document()
    bad["investments"][0]["date"] = "2025-02-30"
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(text(good, bad), encoding="utf-8")
    second.write_text(text(good), encoding="utf-8")  # the same application again: a duplicate
    code, out, err = _run("--call", str(cast.call.pk), "--actor", "dept", str(first), str(second))
    assert code == 2
    assert out.splitlines()[0].startswith(f"{first}[0]: 已导入")
    assert f'{first}[1]: investments[0].date: "2025-02-30"不是有效的日期' in err
    assert f"{second}: tier: 该企业在本批次已有“数字化车间（生产线）”的申报" in err
    assert "已导入1项，2项未导入" in err


def test_only_department_staff_may_import(cast, tmp_path) -> None:
    path = tmp_path / "a.json"
    path.write_text(text(document()), encoding="utf-8")
    with pytest.raises(CommandError, match="只有省工信厅"):
        _run("--call", str(cast.call.pk), "--actor", "changchun", str(path))
    with pytest.raises(CommandError, match="没有名为"):
        _run("--call", str(cast.call.pk), "--actor", "nobody", str(path))
    assert Application.objects.count() == 2
