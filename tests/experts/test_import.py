"""第九条: the pool imported from Excel: the template, every bad cell with its row and column, all or nothing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from smartmfg.accounts.models import User
from smartmfg.audit.models import AuditEntry
from smartmfg.enterprises.models import ManufacturingType
from smartmfg.experts.actions.pool import do_import_experts
from smartmfg.experts.models import Expert, ExpertGroup, Title
from smartmfg.experts.spreadsheet import COLUMNS, MANUFACTURING_LABELS, TITLE_LABELS, parse_pool, pool_template
from smartmfg.lib.sheets import XLSX, SheetErrors
from smartmfg.rules.experts.identity import make_resident_id
from smartmfg.rules.identifiers import make_uscc

HEADERS = [c.header for c in COLUMNS]


def row(n: int, **overrides: Any) -> dict[str, Any]:
    """The n-th person of a sheet, valid unless ``overrides`` say otherwise (keys are column keys)."""
    values: dict[str, Any] = {
        "position": n,
        "name": f"专家{n}",
        "resident_id": make_resident_id(f"22010219700101{n:03d}"),
        "employer": "吉林化工学院",
        "employer_uscc": make_uscc("12", "220202", f"T{n:07d}"),
        "title": "副高级",
        "group": "流程工业",
        "industries": "C、26",
        "manufacturing": "流程型制造",
        "division": "220202",
        "phone": "13600000000",
        "email": f"expert{n}@example.com",
        "term_start": dt.date(2026, 1, 1),
        "term_end": dt.date(2028, 12, 31),
    }
    values.update(overrides)
    return values


def sheet(*rows: dict[str, Any], template: bytes | None = None, headers: list[str] = HEADERS) -> bytes:
    """The downloaded template (or a bare sheet) with ``rows`` appended below the example."""
    if template is not None:
        workbook = load_workbook(io.BytesIO(template))
        work = workbook["专家信息"]
    else:
        workbook = Workbook()
        work = workbook.active
        work.append(headers)
    keys = [c.key for c in COLUMNS]
    for values in rows:
        work.append([values.get(key) for key in keys])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parse(data: bytes) -> list[dict[str, Any]]:
    return parse_pool(io.BytesIO(data))


def errors_of(data: bytes) -> list[str]:
    with pytest.raises(SheetErrors) as refused:
        parse(data)
    return refused.value.messages


def upload(data: bytes, name: str = "专家.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=XLSX)


# ------------------------------------------------------------------ the template


def test_the_template_downloads_with_chinese_headers_an_example_and_the_codes(client, cast):
    client.force_login(cast.dept)

    response = client.get(reverse("experts:import_template"))

    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:2] == ["专家信息", "代码表"]
    first = list(workbook["专家信息"].iter_rows(values_only=True))
    assert list(first[0]) == HEADERS
    assert first[1][0] == "示例"
    codes = list(workbook["代码表"].iter_rows(values_only=True))
    pairs = {(r[0], r[1] if len(r) > 1 else None) for r in codes}
    assert {(g.code, g.name) for g in ExpertGroup.objects.all()} <= pairs
    assert {r[0] for r in codes} >= {*TITLE_LABELS.values(), *MANUFACTURING_LABELS.values(), "C", "34"}


def test_the_template_labels_match_the_models():
    assert set(TITLE_LABELS) == set(Title.values)
    assert set(MANUFACTURING_LABELS) == set(ManufacturingType.values)


def test_the_template_alone_imports_nothing(cast):
    assert errors_of(pool_template(list(ExpertGroup.objects.all()))) == ["表中没有专家信息（第2行示例不计）"]


def test_the_template_filled_in_imports_cleanly_in_sheet_order(client, cast):
    template = pool_template(list(ExpertGroup.objects.all()))
    client.force_login(cast.dept)

    response = client.post(reverse("experts:import"), {"sheet": upload(sheet(row(1), row(2), template=template))})

    assert response.status_code == 200
    created = list(Expert.objects.filter(name__startswith="专家").order_by("code"))
    assert [(e.code, e.name) for e in created] == [("ZJ0003", "专家1"), ("ZJ0004", "专家2")]
    first = created[0]
    assert first.group.code == "process" and first.title == "associate"
    assert first.industries == ["C", "26"] and first.manufacturing == ["process"]
    assert first.term_start == dt.date(2026, 1, 1) and first.status == "active"
    assert User.objects.get(pk=first.user_id).username == "zj0003"
    html = response.content.decode()
    assert "已导入 2 位专家" in html and reverse("experts:detail", args=[first.pk]) in html
    (summary,) = AuditEntry.objects.filter(verb="import_experts")
    assert summary.changes == {"codes": ["ZJ0003", "ZJ0004"], "source": "专家.xlsx"}
    assert summary.summary == "导入专家 2 名：ZJ0003 至 ZJ0004（专家.xlsx）"
    assert summary.actor == cast.dept
    assert AuditEntry.objects.filter(verb="add_expert").count() == 2
    history = client.get(reverse("experts:detail", args=[first.pk])).content.decode()
    assert "批量导入" in history and "入库" in history and "ZJ0003 → ZJ0004" not in history


def test_lenient_spellings_are_read(cast):
    (values,) = parse(
        sheet(
            row(
                1,
                title="正高",
                group="it",
                industries="c,7 ， 34",
                manufacturing="离散、流程",
                resident_id=make_resident_id("22010219700101001").lower() + " ",
                division=220202,
                phone=13600000000,
                term_start="2026年1月1日",
                term_end="2028/12/31",
                employer_uscc="",
            )
        )
    )
    assert values["title"] == "senior" and values["group"].code == "it"
    assert values["industries"] == ["C", "07", "34"] and values["manufacturing"] == ["discrete", "process"]
    assert values["division"] == "220202" and values["phone"] == "13600000000"
    assert values["term_start"] == dt.date(2026, 1, 1) and values["term_end"] == dt.date(2028, 12, 31)
    assert values["employer_uscc"] == ""


# ------------------------------------------------------------------ every bad cell


BAD_ID = make_resident_id("22010219700101003")
WRONG_CHECK = BAD_ID[:17] + ("0" if BAD_ID[17] != "0" else "1")


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("resident_id", WRONG_CHECK, f"身份证号码第18位（校验码）应为“{BAD_ID[17]}”，实际为“{WRONG_CHECK[17]}”"),
        ("resident_id", "22010219701301003X", "有效出生日期"),
        ("resident_id", 220102197001010032, "应以文本格式填写"),
        ("name", None, "必填"),
        ("employer", "单" * 129, "最多128个字"),
        ("employer_uscc", "91220104MA0000000X", "校验码"),
        ("title", "教授", "应为以下之一：正高级、副高级、中级"),
        ("group", "机械", "没有“机械”这个专业组"),
        ("industries", "C、99", "“99”不是 GB/T 4754-2017 的门类字母或两位大类代码"),
        ("industries", None, "必填"),
        ("manufacturing", "装配", "“装配”应为以下之一"),
        ("division", "229999", "不是吉林省现行的行政区划代码"),
        ("division", "2201", "行政区划代码应为6位数字"),
        ("phone", "0431-8888888", "手机号码应为11位数字"),
        ("email", "expert@", "不是有效的电子邮箱地址"),
        ("term_start", "明年", "不是有效的日期"),
        ("term_end", "2026-02-30", "不是有效的日期"),
        ("term_end", dt.date(2025, 12, 31), "聘期结束不能早于聘期开始"),
    ],
)
def test_each_bad_cell_is_reported_with_its_row_and_column(cast, key, value, reason):
    header = next(c.header for c in COLUMNS if c.key == key)

    errors = errors_of(sheet(row(1), row(2, **{key: value})))

    assert len(errors) == 1, errors
    assert errors[0].startswith(f"第3行“{header}”："), errors
    assert reason in errors[0], errors


def test_every_bad_cell_of_every_row_is_reported_in_sheet_order(cast):
    errors = errors_of(sheet(row(1, phone="1", email="x"), row(2), row(3, group="?")))
    assert errors == [
        "第2行“手机号码”：手机号码应为11位数字，以13至19开头",
        "第2行“电子邮箱”：不是有效的电子邮箱地址",
        "第4行“专业组”：没有“?”这个专业组，应为：装备制造、流程工业、信息技术、财务",
    ]


def test_the_same_person_twice_in_the_sheet_is_refused(cast):
    same = make_resident_id("22010219700101001")
    errors = errors_of(sheet(row(1, resident_id=same), row(2), row(3, resident_id=same)))
    assert errors == ["第4行“居民身份证号码”：与第2行重复"]


def test_a_person_already_in_the_pool_is_refused(cast):
    known = cast.expert.expert
    errors = errors_of(sheet(row(1), row(2, resident_id=known.resident_id)))
    assert errors == [f"第3行“居民身份证号码”：已在专家库中（{known.code}）"]


def test_a_missing_column_is_named(cast):
    errors = errors_of(sheet(row(1), headers=[h for h in HEADERS if h != "专业组"]))
    assert errors == ["第1行缺少列：“专业组”。请使用下载的模板填写"]


def test_a_file_that_is_not_excel_is_refused(cast):
    assert errors_of(b"name,id\n") == ["不是有效的Excel（.xlsx）文件，请使用下载的模板填写"]


# ------------------------------------------------------------------ all or nothing


def test_one_bad_row_imports_nobody_and_the_page_lists_every_error(client, cast):
    client.force_login(cast.dept)
    data = sheet(row(1), row(2, phone="12345"), row(3), row(4, division="99"))

    response = client.post(reverse("experts:import"), {"sheet": upload(data)})

    assert response.status_code == 400
    html = response.content.decode()
    assert "第3行“手机号码”" in html and "第5行“所在地区代码”" in html and "未导入" in html
    assert Expert.objects.count() == 2 and not AuditEntry.objects.filter(verb__in=["add_expert", "import_experts"])


def test_the_action_imports_all_or_none(cast):
    good = parse(sheet(row(1), row(2)))
    bad = [*good, {**good[0], "resident_id": good[1]["resident_id"], "name": "重复"}]

    with pytest.raises(ValidationError):  # the model's unique check, inside the one transaction
        do_import_experts(bad, actor=cast.dept)

    assert Expert.objects.count() == 2 and User.objects.filter(username__startswith="zj").count() == 0
    with pytest.raises(PermissionDenied):
        do_import_experts(good, actor=cast.expert)
    assert [e.code for e in do_import_experts(good, actor=cast.dept)] == ["ZJ0003", "ZJ0004"]


def test_htmx_gets_the_results_alone(client, cast):
    client.force_login(cast.dept)

    response = client.post(reverse("experts:import"), {"sheet": upload(sheet(row(1)))}, HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert response.status_code == 200 and body.startswith('<section id="import-results"') and "ZJ0003" in body
    refused = client.post(
        reverse("experts:import"), {"sheet": upload(sheet(row(4, phone="1")))}, HTTP_HX_REQUEST="true"
    )
    text = refused.content.decode()
    assert refused.status_code == 200 and "第2行“手机号码”" in text and "<html" not in text  # htmx swaps no 4xx


def test_an_upload_is_required(client, cast):
    client.force_login(cast.dept)

    response = client.post(reverse("experts:import"), {})

    assert response.status_code == 400 and "专家信息表（Excel）" in response.content.decode()


def test_the_import_page_links_the_template(client, cast):
    client.force_login(cast.dept)
    page = client.get(reverse("experts:import"))
    assert page.status_code == 200 and reverse("experts:import_template") in page.content.decode()
