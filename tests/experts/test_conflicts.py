"""回避 (第九条): every source of conflict is found, and each one keeps the expert off the application."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from smartmfg.eligibility.actions import do_change_policy
from smartmfg.experts import actions
from smartmfg.experts.conflicts import conflicts_between
from smartmfg.experts.models import AvoidedOrganisation
from smartmfg.rules.experts.conflicts import in_force, normalise_name
from smartmfg.rules.identifiers import make_uscc
from smartmfg.wizard.actions import do_replace_avoided
from tests import factories


def found(cast, expert):
    return conflicts_between([expert], [cast.app_a, cast.app_b], today=dt.date(2026, 12, 1))


def test_the_rules_find_an_expert_employed_by_the_enterprise(cast):
    assert found(cast, cast.conflicted_expert.expert) == {
        (cast.app_a.pk, cast.conflicted_expert.expert.pk): ["same_employer"]
    }
    assert found(cast, cast.expert.expert) == {}


def test_a_waiver_with_a_reason_sets_a_detected_conflict_aside(cast):
    expert = cast.conflicted_expert.expert
    with pytest.raises(Exception, match="理由"):
        actions.do_waive_conflict(expert, cast.enterprise_a, kind="same_employer", reason=" ", actor=cast.dept)
    assert found(cast, expert)

    actions.do_waive_conflict(expert, cast.enterprise_a, kind="same_employer", reason="已于上月离职", actor=cast.dept)

    assert found(cast, expert) == {}


def test_local_avoidance_applies_only_when_the_call_turns_it_on(cast):
    neighbour = make_uscc("91", cast.enterprise_a.registered_division, "MK00001X")
    expert = factories.expert(factories.user("local", is_expert=True), "同区某研究院", employer_uscc=neighbour)
    assert found(cast, expert) == {}

    do_change_policy(cast.call, {"local_avoidance": "true"}, reason="本年度实行属地回避", actor=cast.dept)
    cast.app_a.call.refresh_from_db()

    assert found(cast, expert) == {(cast.app_a.pk, expert.pk): ["local"]}


def test_an_organisation_the_enterprise_declared_matches_by_code_or_by_name(cast):
    by_code = factories.expert(
        factories.user("code", is_expert=True), "供应商甲", employer_uscc=make_uscc("91", "220104", "MK00002X")
    )
    by_name = factories.expert(factories.user("name", is_expert=True), "长春 某咨询（集团）有限公司")
    AvoidedOrganisation.objects.create(
        application=cast.app_a, name="另一个名字", uscc=by_code.employer_uscc, relation="供应商"
    )
    AvoidedOrganisation.objects.create(application=cast.app_a, name="长春某咨询(集团)有限公司", relation="咨询机构")

    assert found(cast, by_code) == {(cast.app_a.pk, by_code.pk): ["enterprise"]}
    assert found(cast, by_name) == {(cast.app_a.pk, by_name.pk): ["enterprise"]}


def test_a_recorded_employment_binds_for_three_years_after_it_ended(cast):
    expert = cast.expert.expert
    actions.do_record_conflict(
        expert,
        cast.enterprise_b,
        kind="employment",
        evidence="曾任该企业技术顾问",
        ended_on=dt.date(2023, 12, 1),
        actor=cast.dept,
    )

    assert conflicts_between([expert], [cast.app_b], today=dt.date(2026, 12, 1)) != {}  # the last day it binds
    assert conflicts_between([expert], [cast.app_b], today=dt.date(2026, 12, 2)) == {}


def test_family_and_other_kinds_never_lapse():
    assert in_force("family", dt.date(2000, 1, 1), dt.date(2026, 12, 1))
    assert in_force("employment", None, dt.date(2026, 12, 1))
    assert in_force("governance", dt.date(2024, 2, 29), dt.date(2027, 2, 28))


def test_names_compare_without_blanks_and_bracket_widths():
    assert normalise_name(" 长春 某（集团）公司 ") == normalise_name("长春某(集团)公司")


def test_the_enterprise_lists_organisations_to_avoid_on_its_form(cast, client):
    draft = factories.draft_application(cast.call, cast.ent_b, tier="smart_factory")
    client.force_login(cast.ent_b)
    url = reverse("apply:avoided", args=[draft.pk])
    data = {
        "avoided-TOTAL_FORMS": "1",
        "avoided-INITIAL_FORMS": "0",
        "avoided-MIN_NUM_FORMS": "0",
        "avoided-MAX_NUM_FORMS": "1000",
        "avoided-0-name": "某竞争企业",
        "avoided-0-uscc": "91220101MA0000000X",
        "avoided-0-relation": "竞争对手",
    }

    refused = client.post(url, data)
    assert refused.status_code == 400 and "统一社会信用代码" in refused.content.decode()
    assert not AvoidedOrganisation.objects.exists()

    data["avoided-0-uscc"] = ""
    assert client.post(url, data).status_code == 302
    assert AvoidedOrganisation.objects.get().name == "某竞争企业"
    do_replace_avoided(draft, [], actor=cast.ent_b)
    assert not AvoidedOrganisation.objects.exists()
