"""Editing a call's policy in the browser: every parameter, a reason, what-if first, history kept."""

from __future__ import annotations

from django.urls import reverse

from smartmfg.applications.models import Application
from smartmfg.calls.forms import PolicyForm, field_name
from smartmfg.calls.models import PolicyChange
from smartmfg.intake.actions import do_import_application
from smartmfg.rules import PARAMETERS
from tests import factories
from tests.eligibility.documents import document


def _values(call, **changes: str) -> dict[str, object]:
    """The form as the page fills it in (the current values), with ``changes`` by parameter name."""
    form = PolicyForm(policy=call.get_policy())
    data: dict[str, object] = {name: value for name, value in form.initial.items() if name != "reason"}
    for name, value in changes.items():
        if name == "eligible_investment_categories":
            data[field_name(name)] = [c for c in value.split(",") if c]  # no box ticked: nothing sent
        else:
            data[field_name(name)] = value
    return data


def test_the_form_has_every_parameter_with_its_article(client, cast) -> None:
    client.force_login(cast.dept)
    page = client.get(reverse("calls:policy", args=[cast.call.pk])).content.decode()
    for param in PARAMETERS:
        assert f'name="{field_name(param.name)}"' in page
        assert param.zh in page
    assert "预览影响" in page and "保存" in page and "调整理由" in page


def test_invalid_values_are_named_and_change_nothing(client, cast) -> None:
    client.force_login(cast.dept)
    before = (cast.call.get_policy(), PolicyChange.objects.count())
    data = _values(
        cast.call,
        **{
            "min_investment.smart_factory": "40000000.555",
            "ban_years": "十",
            "eligible_investment_categories": "",
        },
    )
    response = client.post(reverse("calls:policy", args=[cast.call.pk]), {**data, "reason": "试", "_save": "1"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "参数“min_investment.smart_factory”（智能工厂近年软硬件完成投资最低额（元））最多保留两位小数" in page
    assert "参数“ban_years”（弄虚作假撤销认定后不受理申请的年限）应为整数" in page
    assert "参数“eligible_investment_categories”（计入软硬件完成投资的类别）至少要包含一个类别" in page
    # Values that are each valid but contradict each other.
    data = _values(cast.call, **{"max_maturity_level.future_factory": "2"})
    response = client.post(reverse("calls:policy", args=[cast.call.pk]), {**data, "reason": "试", "_save": "1"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "参数“max_maturity_level.future_factory”（未来工厂成熟度参考范围上限（仅作参考））为2，不能低于参数" in page
    cast.call.refresh_from_db()
    assert (cast.call.get_policy(), PolicyChange.objects.count()) == before


def test_saving_needs_a_reason(client, cast) -> None:
    client.force_login(cast.dept)
    data = _values(cast.call, min_workshops="3")
    response = client.post(reverse("calls:policy", args=[cast.call.pk]), {**data, "_save": "1"})
    assert response.status_code == 400 and "请填写调整理由" in response.content.decode()
    assert cast.call.get_policy().min_workshops == 2


def test_saving_records_each_change_and_refreshes_the_verdicts(
    client, cast, django_capture_on_commit_callbacks
) -> None:
    [short] = factories.import_under(
        cast.call, cast.dept, [document(total="19000000.00")], **{"min_investment.digital_workshop": "19000000.00"}
    )
    assert short.verdict_eligible is False
    client.force_login(cast.dept)
    data = _values(cast.call, **{"min_investment.digital_workshop": "18000000", "min_scenarios": "6"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("calls:policy", args=[cast.call.pk]), {**data, "reason": "按2027年度通知调整", "_save": "1"}
        )
    assert response.status_code == 302
    changes = list(PolicyChange.objects.filter(reason="按2027年度通知调整").order_by("parameter"))
    assert [(c.parameter, c.old_value, c.new_value, c.changed_by) for c in changes] == [
        ("min_investment.digital_workshop", "20000000.00", "18000000.00", cast.dept),
        ("min_scenarios", "5", "6", cast.dept),
    ]
    assert Application.objects.get(pk=short.pk).verdict_eligible is True
    detail = client.get(reverse("calls:detail", args=[cast.call.pk])).content.decode()
    assert "按2027年度通知调整" in detail and "1,800万元" in detail


def test_preview_shows_both_directions_per_tier_and_region_and_saves_nothing(client, cast) -> None:
    [short] = factories.import_under(
        cast.call,
        cast.dept,
        [document(region="220581", total="19000000.00")],
        **{"min_investment.digital_workshop": "19000000.00"},
    )
    factory = do_import_application(cast.call, document(tier="smart_factory", total="45000000.00"), actor=cast.dept)
    client.force_login(cast.dept)
    data = _values(
        cast.call, **{"min_investment.digital_workshop": "18000000", "min_credit_rating.smart_factory": "excellent"}
    )
    response = client.post(reverse("calls:policy", args=[cast.call.pk]), {**data, "_preview": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "预览影响（尚未保存）" in page
    assert "按新参数重新判定了本批次已提交的 4 项申报" in page and "其中 2 项的判定结果将改变" in page
    assert reverse("applications:detail", args=[short.pk]) in page
    assert reverse("applications:detail", args=[factory.pk]) in page
    assert "梅河口市" in page and "长春市" in page
    assert "变为符合条件" in page and "变为不符合条件" in page
    assert "软硬件完成投资：不符合 → 符合" in page and "企业信用核查结果：符合 → 不符合" in page
    assert "良好 → <strong>优秀</strong>" in page.replace(
        "合格 → <strong>优秀</strong>", "良好 → <strong>优秀</strong>"
    )
    assert not PolicyChange.objects.filter(parameter="min_credit_rating.smart_factory").exists()


def test_the_preview_is_a_fragment_for_htmx_with_its_own_errors(client, cast) -> None:
    client.force_login(cast.dept)
    url = reverse("calls:policy", args=[cast.call.pk])
    fragment = client.post(url, {**_values(cast.call, min_workshops="3"), "_preview": "1"}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    body = fragment.content.decode()
    assert body.startswith('<section id="whatif"') and "<html" not in body
    wrong = client.post(url, {**_values(cast.call, min_workshops="0"), "_preview": "1"}, HTTP_HX_REQUEST="true")
    assert wrong.status_code == 200 and "参数有误，无法预览" in wrong.content.decode()
    assert "应在1至100之间" in wrong.content.decode()


def test_the_expert_reviews_switch_reads_yes_or_no_and_its_weights_are_numbers(
    client, cast, django_capture_on_commit_callbacks
) -> None:
    """第九条's parameters on the same page: 属地回避 as 是/否, the weights of affinity as whole numbers."""
    client.force_login(cast.dept)
    url = reverse("calls:policy", args=[cast.call.pk])
    page = client.get(url).content.decode()
    assert '<select name="local_avoidance"' in page
    assert '<option value="true">是</option>' in page and '<option value="false" selected>否</option>' in page
    assert 'name="affinity_weight__division"' in page and 'min="0"' in page and 'max="100"' in page
    data = _values(cast.call, local_avoidance="true", **{"affinity_weight.group": "30"})
    verdicts = list(Application.objects.filter(call=cast.call).values_list("pk", "verdict_eligible"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "reason": "本年度实行属地回避", "_save": "1"})
    assert response.status_code == 302
    cast.call.refresh_from_db()
    policy = cast.call.get_policy()
    assert policy.local_avoidance is True and policy.affinity_weight.group == 30
    changes = PolicyChange.objects.filter(reason="本年度实行属地回避").values_list("parameter", "new_value")
    assert sorted(changes) == [("affinity_weight.group", "30"), ("local_avoidance", "true")]
    detail = client.get(reverse("calls:detail", args=[cast.call.pk])).content.decode()
    assert "属地回避：专家工作单位注册在企业所在县级行政区时回避" in detail and "<td>是" in detail
    # No verdict reads them.
    assert list(Application.objects.filter(call=cast.call).values_list("pk", "verdict_eligible")) == verdicts
    wrong = client.post(url, {**_values(cast.call, local_avoidance="maybe"), "reason": "试", "_save": "1"})
    assert wrong.status_code == 400


def test_the_scoring_parameters_offer_the_three_rules_and_read_as_their_labels(client, cast) -> None:
    """第九条's scoring parameters: the aggregation rule is a choice shown by its label, the others numbers."""
    client.force_login(cast.dept)
    url = reverse("calls:policy", args=[cast.call.pk])
    page = client.get(url).content.decode()
    assert '<select name="aggregation_rule"' in page
    assert '<option value="trimmed_mean" selected>去掉一个最高分和一个最低分后的均值</option>' in page
    assert '<option value="median">中位数</option>' in page
    assert 'name="spot_check_share"' in page and 'name="outlier_threshold"' in page
    data = _values(cast.call, aggregation_rule="median", spot_check_share="30")
    response = client.post(url, {**data, "reason": "本年度按中位数汇总", "_save": "1"})
    assert response.status_code == 302
    cast.call.refresh_from_db()
    policy = cast.call.get_policy()
    assert (policy.aggregation_rule, policy.spot_check_share) == ("median", 30)
    detail = client.get(reverse("calls:detail", args=[cast.call.pk])).content.decode()
    assert "专家评分汇总规则" in detail and "<td>中位数" in detail
    wrong = client.post(url, {**_values(cast.call, aggregation_rule="average"), "reason": "试", "_save": "1"})
    assert wrong.status_code == 400
