"""第九条: the Department's expert pool: the list, adding, editing, suspending, retiring (the pages and the actions)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartmfg.accounts.models import User
from smartmfg.audit.models import AuditEntry
from smartmfg.experts.actions.pool import do_add_expert, do_change_expert_status, do_update_expert
from smartmfg.experts.models import Expert, ExpertGroup
from smartmfg.rules.experts.identity import make_resident_id, mask_resident_id
from smartmfg.rules.identifiers import make_uscc
from tests import factories
from tests.experts.builders import pool

RESIDENT_ID = make_resident_id("22010219750315002")


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "李四",
        "resident_id": RESIDENT_ID,
        "employer": "长春理工大学",
        "employer_uscc": make_uscc("12", "220104", "T1234567"),
        "title": "associate",
        "group": ExpertGroup.objects.get(code="it").pk,
        "industries": ["C", "39"],
        "manufacturing": ["discrete"],
        "division": "220104",
        "phone": "13812345678",
        "email": "lisi@example.com",
        "term_start": "2026-01-01",
        "term_end": "2028-12-31",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def values(**overrides: Any) -> dict[str, Any]:
    data = form_data(**overrides)
    data["group"] = ExpertGroup.objects.get(pk=data["group"])
    data["term_start"] = dt.date.fromisoformat(data["term_start"])
    data["term_end"] = dt.date.fromisoformat(data["term_end"])
    return data


def audit(expert: Expert, verb: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(target_type="experts.expert", target_id=str(expert.pk), verb=verb))


# ------------------------------------------------------------------ the list


def test_the_pool_lists_every_expert_with_their_standing(client, cast):
    client.force_login(cast.dept)

    page = client.get(reverse("experts:pool"))

    assert page.status_code == 200
    codes = [row.record.code for row in page.context["table"].rows]
    assert codes == [cast.expert.expert.code, cast.conflicted_expert.expert.code]
    html = page.content.decode()
    assert reverse("experts:detail", args=[cast.expert.expert.pk]) in html
    assert "吉林大学" in html and "正高级" in html and "装备制造" in html and "在库" in html
    assert cast.expert.expert.resident_id not in html  # private


def test_the_pool_costs_the_same_queries_for_two_experts_or_twelve(client, cast):
    client.force_login(cast.dept)
    url = reverse("experts:pool")
    client.get(url)  # warm: sessions, content types
    with_two = _queries(client, url)
    pool(equipment=5, finance=5)
    assert _queries(client, url) == with_two


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as counted:
        assert client.get(url).status_code == 200
    return len(counted.captured_queries)


def test_the_pool_filters_by_group_status_title_and_text(client, cast):
    finance = pool(finance=1)[0]
    do_change_expert_status(cast.conflicted_expert.expert, "suspended", reason="出国", actor=cast.dept)
    client.force_login(cast.dept)

    def codes(**query: Any) -> list[str]:
        return [row.record.code for row in client.get(reverse("experts:pool"), query).context["table"].rows]

    assert codes(group=ExpertGroup.objects.get(code="finance").pk) == [finance.code]
    assert codes(status="suspended") == [cast.conflicted_expert.expert.code]
    assert codes(title="senior", status="active") == [cast.expert.expert.code, finance.code]
    assert codes(q="长春甲") == [cast.conflicted_expert.expert.code]  # the employer
    assert codes(q=finance.code) == [finance.code]


def test_the_pool_exports_every_filtered_row(client, cast):
    client.force_login(cast.dept)

    export = client.get(reverse("experts:pool"), {"_export": "csv", "q": "吉林大学"})

    text = export.content.decode("utf-8-sig")
    assert cast.expert.expert.code in text and cast.conflicted_expert.expert.code not in text
    assert "专家编号" in text and "<a" not in text


# ------------------------------------------------------------------ adding


def test_the_department_adds_an_expert_with_an_account(client, cast):
    client.force_login(cast.dept)

    response = client.post(reverse("experts:add"), form_data(resident_id=f" {RESIDENT_ID.lower()} "))

    expert = Expert.objects.get(resident_id=RESIDENT_ID)
    assert response.status_code == 302 and response["Location"] == reverse("experts:detail", args=[expert.pk])
    assert expert.code == "ZJ0003"  # after the cast's two
    assert expert.industries == ["C", "39"] and expert.manufacturing == ["discrete"] and expert.group.code == "it"
    account = User.objects.get(pk=expert.user_id)
    assert account.username == "zj0003" and account.is_expert and not account.has_usable_password()
    assert [e.actor for e in audit(expert, "add_expert")] == [cast.dept]


def test_the_add_page_offers_every_field_with_a_label(client, cast):
    client.force_login(cast.dept)

    page = client.get(reverse("experts:add")).content.decode()

    for name in ("name", "resident_id", "employer", "employer_uscc", "title", "group", "division", "phone", "email"):
        assert f'for="id_{name}"' in page, name
    assert "<legend>制造类型经验</legend>" in page and 'list="division-options"' in page
    assert '<optgroup label="C 制造业">' in page and "34 通用设备制造业" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("resident_id", RESIDENT_ID[:17] + ("1" if RESIDENT_ID[17] != "1" else "2"), "第18位（校验码）应为"),
        ("resident_id", "2201021975", "身份证号码应为18位"),
        ("phone", "2381234567", "手机号码应为11位数字"),
        ("employer_uscc", "91220104MA0000000X", "校验码"),
        ("division", "990000", "行政区划代码"),
        ("email", "not-an-email", "Email"),
        ("term_end", "2025-12-31", "聘期结束不能早于聘期开始"),
        ("industries", ["99"], "99"),
        ("manufacturing", None, "这个字段是必填项"),
        ("title", "professor", "professor"),
    ],
)
def test_every_refusal_names_the_field_and_adds_nobody(client, cast, field, value, message):
    client.force_login(cast.dept)
    before = Expert.objects.count(), AuditEntry.objects.count()

    response = client.post(reverse("experts:add"), form_data(**{field: value}))

    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == [field], form.errors
    assert message in " ".join(form.errors[field]), form.errors[field]
    html = response.content.decode()
    assert f'<a href="#id_{field}">' in html  # the summary links the field
    assert (Expert.objects.count(), AuditEntry.objects.count()) == before


def test_an_id_number_already_in_the_pool_is_refused_on_its_field(client, cast):
    client.force_login(cast.dept)

    response = client.post(reverse("experts:add"), form_data(resident_id=cast.expert.expert.resident_id))

    assert response.status_code == 400 and list(response.context["form"].errors) == ["resident_id"]
    assert Expert.objects.count() == 2


def test_only_the_department_adds_experts(cast):
    with pytest.raises(PermissionDenied):
        do_add_expert(values(), actor=cast.changchun)
    assert not Expert.objects.filter(resident_id=RESIDENT_ID).exists()


# ------------------------------------------------------------------ editing


def test_the_edit_page_never_shows_the_id_number(client, cast):
    expert = cast.expert.expert
    client.force_login(cast.dept)

    page = client.get(reverse("experts:edit", args=[expert.pk])).content.decode()

    assert expert.resident_id not in page and mask_resident_id(expert.resident_id) in page
    assert f'value="{expert.employer}"' in page


def test_an_edit_is_saved_with_its_reason_and_every_old_value(client, cast):
    expert = cast.expert.expert
    client.force_login(cast.dept)
    data = _current(expert) | {"employer": "东北师范大学", "phone": "13700000000", "reason": "调动工作"}

    response = client.post(reverse("experts:edit", args=[expert.pk]), data)

    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.employer == "东北师范大学" and expert.phone == "13700000000"
    assert expert.resident_id == cast.expert.expert.resident_id  # left blank: kept
    (entry,) = audit(expert, "update_expert")
    assert entry.reason == "调动工作"
    assert entry.changes == {"employer": ["吉林大学", "东北师范大学"], "phone": ["13900000000", "13700000000"]}
    detail = client.get(reverse("experts:detail", args=[expert.pk])).content.decode()
    assert "调动工作" in detail and "吉林大学 → 东北师范大学" in detail


def test_an_edit_without_a_reason_is_refused_on_that_field(client, cast):
    expert = cast.expert.expert
    client.force_login(cast.dept)

    response = client.post(reverse("experts:edit", args=[expert.pk]), _current(expert) | {"employer": "别处"})

    assert response.status_code == 400 and list(response.context["form"].errors) == ["reason"]
    assert '<a href="#id_reason">修改原因</a>' in response.content.decode()
    expert.refresh_from_db()
    assert expert.employer == "吉林大学" and not audit(expert, "update_expert")


def test_a_changed_id_number_is_masked_in_the_trail(cast):
    expert = cast.expert.expert
    new = make_resident_id("22010219800101999")

    do_update_expert(expert, {"resident_id": new}, reason="录入有误", actor=cast.dept)

    (entry,) = audit(expert, "update_expert")
    assert entry.changes == {"resident_id": [mask_resident_id(expert.resident_id), mask_resident_id(new)]}
    assert new not in str(entry.changes)


def test_the_action_refuses_an_edit_without_a_reason_and_changes_nothing(cast):
    expert = cast.expert.expert
    with pytest.raises(ValidationError) as refused:
        do_update_expert(expert, {"employer": "别处"}, reason=" ", actor=cast.dept)
    assert list(refused.value.error_dict) == ["reason"]
    expert.refresh_from_db()
    assert expert.employer == "吉林大学"


def test_an_edit_changing_nothing_writes_nothing(client, cast):
    expert = cast.expert.expert
    client.force_login(cast.dept)

    response = client.post(reverse("experts:edit", args=[expert.pk]), _current(expert) | {"reason": "核对"})

    assert response.status_code == 302 and not audit(expert, "update_expert")


def test_a_new_name_reaches_the_account(cast):
    expert = cast.expert.expert
    do_update_expert(expert, {"name": "王五", "email": "wangwu@example.com"}, reason="更正", actor=cast.dept)
    account = User.objects.get(pk=expert.user_id)
    assert (account.name, account.email) == ("王五", "wangwu@example.com")


def _current(expert: Expert) -> dict[str, Any]:
    return {
        "name": expert.name,
        "resident_id": "",
        "employer": expert.employer,
        "employer_uscc": expert.employer_uscc,
        "title": expert.title,
        "group": expert.group_id,
        "industries": expert.industries,
        "manufacturing": expert.manufacturing,
        "division": expert.division,
        "phone": expert.phone,
        "email": expert.email,
        "term_start": expert.term_start.isoformat(),
        "term_end": expert.term_end.isoformat(),
    }


# ------------------------------------------------------------------ status


def test_a_suspension_needs_a_reason_then_is_recorded(client, cast):
    expert = cast.expert.expert
    client.force_login(cast.dept)
    url = reverse("experts:status", args=[expert.pk])

    refused = client.post(url, {"status": "suspended", "reason": ""})

    assert refused.status_code == 400 and list(refused.context["status_form"].errors) == ["reason"]
    assert '<a href="#id_reason">原因</a>' in refused.content.decode()
    expert.refresh_from_db()
    assert expert.status == "active" and not audit(expert, "change_expert_status")

    done = client.post(url, {"status": "suspended", "reason": "身体原因暂停一年"})

    assert done.status_code == 302
    expert.refresh_from_db()
    assert (expert.status, expert.status_reason) == ("suspended", "身体原因暂停一年")
    (entry,) = audit(expert, "change_expert_status")
    assert entry.reason == "身体原因暂停一年" and entry.changes["status"] == ["active", "suspended"]


def test_retiring_and_returning_to_the_pool(cast):
    expert = cast.expert.expert
    do_change_expert_status(expert, "retired", reason="聘期届满不再续聘", actor=cast.dept)
    do_change_expert_status(expert, "active", reason="", actor=cast.dept)
    expert.refresh_from_db()
    assert expert.status == "active"
    assert [e.changes["status"] for e in reversed(audit(expert, "change_expert_status"))] == [
        ["active", "retired"],
        ["retired", "active"],
    ]


def test_the_status_form_refuses_no_change(client, cast):
    expert = cast.expert.expert
    client.force_login(cast.dept)

    response = client.post(reverse("experts:status", args=[expert.pk]), {"status": "active"})

    assert response.status_code == 400 and list(response.context["status_form"].errors) == ["status"]


def test_the_status_action_refuses_an_unknown_status(cast):
    with pytest.raises(ValidationError) as refused:
        do_change_expert_status(cast.expert.expert, "gone", reason="x", actor=cast.dept)
    assert list(refused.value.error_dict) == ["status"]


def test_the_status_page_takes_a_post_only(client, cast):
    client.force_login(cast.dept)
    assert client.get(reverse("experts:status", args=[cast.expert.expert.pk])).status_code == 405


# ------------------------------------------------------------------ the record


def test_the_record_shows_the_id_masked_and_its_history(client, cast):
    expert = cast.conflicted_expert.expert
    do_change_expert_status(expert, "suspended", reason="出国访学", actor=cast.dept)
    client.force_login(cast.dept)

    page = client.get(reverse("experts:detail", args=[expert.pk]))

    html = page.content.decode()
    assert expert.resident_id not in html and mask_resident_id(expert.resident_id) in html
    assert "出国访学" in html and "变更状态" in html
    assert expert.user.username in html


def test_an_unknown_expert_is_not_found(client, cast):
    client.force_login(cast.dept)
    assert client.get(reverse("experts:detail", args=[99999])).status_code == 404


# ------------------------------------------------------------------ the back office


def test_the_administrator_edits_the_groups_through_an_audited_save(client, cast):
    group = ExpertGroup.objects.get(code="finance")
    client.force_login(cast.admin)
    url = reverse("admin:experts_expertgroup_change", args=[group.pk])

    page = client.get(url)
    response = client.post(
        url, {"name": "财务会计", "name_en": "Finance", "tiers": ["smart_factory"], "manufacturing": [], "order": 4}
    )

    assert page.status_code == 200 and 'name="code"' not in page.content.decode()  # fixed once it exists
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.code, group.name, group.tiers, group.manufacturing) == ("finance", "财务会计", ["smart_factory"], [])
    entry = AuditEntry.objects.get(verb="admin_change_expertgroup")
    assert entry.actor == cast.admin and entry.target_id == str(group.pk)
    assert client.get(reverse("admin:experts_expertgroup_delete", args=[group.pk])).status_code == 403


def test_a_new_group_is_added_in_the_back_office(client, cast):
    client.force_login(cast.admin)
    response = client.post(
        reverse("admin:experts_expertgroup_add"),
        {"code": "energy", "name": "节能环保", "name_en": "", "order": 5},
    )
    assert response.status_code == 302
    assert ExpertGroup.objects.get(code="energy").name == "节能环保"
    assert AuditEntry.objects.filter(verb="admin_create_expertgroup").count() == 1


def test_a_new_expert_is_listed_in_code_order(cast):
    factories.expert(factories.user("late", is_expert=True))
    assert list(Expert.objects.values_list("code", flat=True)) == ["ZJ0001", "ZJ0002", "ZJ0003"]
