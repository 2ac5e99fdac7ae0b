"""Every list: money to the fen with separators on the page, a plain number in an export of every row."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from smartmfg.applications.models import Application
from smartmfg.lib.tables import PER_PAGE, MoneyColumn
from tests import factories


def test_a_money_column_shows_yuan_to_the_fen() -> None:
    column = MoneyColumn()
    assert column.render(Decimal("1200000.5")) == "1,200,000.50"
    assert column.value(Decimal("1200000.5")) == "1200000.50"
    assert column.render(Decimal("0")) == "0.00"


@pytest.mark.django_db
def test_the_department_list_shows_the_investment_as_money_and_exports_it_as_a_number(client, cast) -> None:
    Application.objects.filter(pk=cast.app_a.pk).update(eligible_investment=Decimal("21000000.00"))
    client.force_login(cast.dept)
    page = client.get(reverse("department:home")).content.decode()
    assert "21,000,000.00" in page
    export = client.get(reverse("department:home"), {"_export": "csv"})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    header, *body = rows
    column = header.index("计入投资（元）")
    by_reference = {row[header.index("申报编号")]: row for row in body}
    assert by_reference[cast.app_a.reference][column] == "21000000.00"


@pytest.mark.django_db
def test_an_export_holds_every_filtered_row_not_just_the_page(client, cast) -> None:
    for i in range(PER_PAGE + 2):
        company = factories.enterprise(f"长春导出企业{i}有限公司", "220102")
        factories.submitted_application(cast.call, factories.enterprise_user(f"x{i}", company))
    client.force_login(cast.dept)
    page = client.get(reverse("department:home")).content.decode()
    assert len(set(re.findall(r"长春导出企业\d+有限公司", page))) == PER_PAGE
    export = client.get(reverse("department:home"), {"_export": "csv", "q": "长春导出企业"})
    body = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))[1:]
    assert len(body) == PER_PAGE + 2
    assert not any("吉林乙" in cell for row in body for cell in row)
