"""A malformed credit code is refused in every form, naming the field, in Chinese."""

from __future__ import annotations

import pytest
from django.urls import reverse

from smartmfg.enterprises.models import Enterprise
from smartmfg.jurisdictions.models import Jurisdiction

pytestmark = pytest.mark.django_db


def _admin_add(client, cast, uscc: str):
    client.force_login(cast.admin)
    return client.post(
        reverse("admin:enterprises_enterprise_add"),
        {
            "name": "新企业",
            "uscc": uscc,
            "legal_status": "independent",
            "pays_tax_in_province": "on",
            "registered_division": "220102",
            "jurisdiction": Jurisdiction.objects.get(code="220102").pk,
            "industry": "36",
            "manufacturing_type": "discrete",
            "address": "",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
        },
    )


@pytest.mark.parametrize(
    ("uscc", "message"),
    [
        ("91350100M000100Y44", "第18位（校验码）应为“3”，实际为“4”"),
        ("91350100M000100Y53", "第17位（组织机构代码校验码）应为“4”，实际为“5”"),
        ("9135010OM000100Y43", "第8位字符“O”不是统一社会信用代码可用的字符"),
        ("91350100M000100Y4", "统一社会信用代码应为18位，实际为17位"),
    ],
)
def test_the_admin_refuses_a_bad_code_and_says_why(client, cast, uscc: str, message: str) -> None:
    before = Enterprise.objects.count()
    response = _admin_add(client, cast, uscc)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in errors["uscc"][0]
    assert Enterprise.objects.count() == before


def test_a_good_code_is_taken_upper_cased(client, cast) -> None:
    response = _admin_add(client, cast, " 91350100m000100y43 ")
    assert response.status_code == 302
    assert Enterprise.objects.filter(uscc="91350100M000100Y43").exists()
