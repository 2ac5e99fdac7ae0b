"""Investment items through Excel: the template, reading it back, refusing a bad row untouched."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from smartmfg.eligibility.spreadsheets import investment_template, parse_investments
from smartmfg.lib.sheets import SheetErrors
from tests import factories
from tests.wizard.helpers import filled_sheet, url

ROWS = [
    (1, dt.date(2025, 3, 18), "设备购置", 1250000.5, "已完成（已支付并开票）", "04400000000012345678", "加工中心"),
    (2, "2025/7/1", "软件购置", "380,000.00", "已完成", 123456, "MES系统"),
    (3, dt.date(2026, 2, 1), "土建", 900000, "计划", None, None),
]


def test_the_template_has_chinese_headers_dropdowns_and_an_example_row() -> None:
    workbook = load_workbook(io.BytesIO(investment_template()))
    sheet = workbook["投资明细"]
    assert [c.value for c in sheet[1]] == ["序号", "日期", "投资类别", "金额（元）", "完成情况", "发票号码", "内容"]
    assert sheet["A2"].value == "示例"
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"}
    assert any(ref.startswith("C2") and "设备购置" in formula and "厂房" in formula for ref, formula in lists.items())
    assert any(ref.startswith("E2") and "计划" in formula for ref, formula in lists.items())
    assert "填写说明" in workbook.sheetnames


def test_a_filled_template_reads_back_exactly() -> None:
    items = parse_investments(filled_sheet(ROWS))
    assert items == [
        {
            "occurred_on": dt.date(2025, 3, 18),
            "category": "equipment",
            "amount": Decimal("1250000.50"),
            "status": "completed",
            "invoice_no": "04400000000012345678",
            "description": "加工中心",
        },
        {
            "occurred_on": dt.date(2025, 7, 1),
            "category": "software",
            "amount": Decimal("380000.00"),
            "status": "completed",
            "invoice_no": "123456",
            "description": "MES系统",
        },
        {
            "occurred_on": dt.date(2026, 2, 1),
            "category": "civil_works",
            "amount": Decimal("900000.00"),
            "status": "planned",
            "invoice_no": "",
            "description": "",
        },
    ]


def test_the_template_downloaded_with_items_round_trips(client, cast) -> None:
    client.force_login(cast.ent_a)
    response = client.get(url("investments_template", cast.app_a))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = SimpleUploadedFile("x.xlsx", response.content)
    stored = list(
        cast.app_a.investments.values("occurred_on", "category", "amount", "status", "invoice_no", "description")
    )
    assert parse_investments(sheet) == stored


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ((1, "2025-03-18", "设备购置", "12.345", "已完成", "", ""), "第3行“金额”：最多两位小数"),
        ((1, "2025-03-18", "设备购置", -5, "已完成", "", ""), "第3行“金额”：应大于0"),
        ((1, "2025-03-18", "设备购置", "一百万", "已完成", "", ""), "第3行“金额”：应为数字"),
        ((1, "2025-02-30", "设备购置", 10, "已完成", "", ""), "第3行“日期”：不是有效的日期"),
        ((1, None, "设备购置", 10, "已完成", "", ""), "第3行“日期”：必填"),
        ((1, "2025-03-18", "机器", 10, "已完成", "", ""), "第3行“投资类别”：应为以下之一"),
        ((1, "2025-03-18", "设备购置", 10, "差不多", "", ""), "第3行“完成情况”：应为以下之一"),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column(row, message) -> None:
    with pytest.raises(SheetErrors) as refused:
        parse_investments(filled_sheet([row]))
    assert any(m.startswith(message) for m in refused.value.messages), refused.value.messages


def test_every_bad_row_is_listed_at_once() -> None:
    rows = [ROWS[0], (2, "2025-03-18", "设备购置", "1.001", "已完成", "", ""), ROWS[1], (4, "昨天", "x", 1, "计划")]
    with pytest.raises(SheetErrors) as refused:
        parse_investments(filled_sheet(rows))
    messages = refused.value.messages
    assert "第4行“金额”：最多两位小数" in messages
    assert any(m.startswith("第6行“日期”") for m in messages)
    assert any(m.startswith("第6行“投资类别”") for m in messages)


def test_a_sheet_that_is_not_excel_or_lacks_a_column_is_refused() -> None:
    with pytest.raises(SheetErrors) as refused:
        parse_investments(SimpleUploadedFile("x.xlsx", b"not a workbook"))
    assert "不是有效的Excel" in refused.value.messages[0]
    workbook = load_workbook(io.BytesIO(investment_template()))
    workbook["投资明细"]["D1"] = "备注"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(SheetErrors) as refused:
        parse_investments(SimpleUploadedFile("x.xlsx", buffer.getvalue()))
    assert "第1行缺少列：“金额（元）”" in refused.value.messages[0]


def test_uploading_replaces_the_items(client, cast) -> None:
    draft = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    client.force_login(cast.ent_a)
    response = client.post(url("investments_upload", draft), {"sheet": filled_sheet(ROWS)})
    assert response.status_code == 302
    assert [i.category for i in draft.investments.all()] == ["equipment", "software", "civil_works"]
    assert "已导入 3 条投资明细" in client.get(response["Location"]).content.decode()


def test_a_bad_upload_is_refused_with_row_and_column_and_changes_nothing(client, cast) -> None:
    draft = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    before = list(draft.investments.values_list("amount", flat=True))
    client.force_login(cast.ent_a)
    bad = [ROWS[0], (2, "2025-03-18", "设备购置", "12.345", "已完成", "", "")]
    response = client.post(url("investments_upload", draft), {"sheet": filled_sheet(bad)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "表格未导入" in page and "第4行“金额”：最多两位小数" in page
    assert list(draft.investments.values_list("amount", flat=True)) == before


def test_a_submitted_application_refuses_an_upload(client, cast) -> None:
    client.force_login(cast.ent_a)
    response = client.post(url("investments_upload", cast.app_a), {"sheet": filled_sheet(ROWS)})
    assert response.status_code == 403
    assert cast.app_a.investments.count() == 1
