"""Importing applications: valid ones enter the procedure like an online submission, invalid ones change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from smartmfg.applications.models import Application, ApplicationEvent, Submission
from smartmfg.audit.models import AuditEntry
from smartmfg.calls.actions import do_close_call
from smartmfg.enterprises.models import CreditCheck, Enterprise, MajorIncident, Revocation, Violation
from smartmfg.intake.actions import do_import_application, import_file
from smartmfg.intake.importing import SOURCE, bureau_for
from smartmfg.rules.schema import InvalidApplication
from tests import factories
from tests.eligibility.documents import document, text


def test_a_valid_application_is_submitted_to_its_local_bureau_as_of_its_own_date(cast) -> None:
    doc = document(region="220203", violations=[{"date": "2023-01-01", "description": "早年处罚"}])
    application = do_import_application(cast.call, doc, actor=cast.dept)

    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.applied_on == dt.date(2026, 3, 15)
    assert application.submission_count == 1
    assert application.jurisdiction.code == "220203"  # 龙潭区 bureau
    assert application.holder == application.jurisdiction
    assert application.verdict_eligible is True and application.verdict_track == "recognition"
    assert application.eligible_investment == 21000000
    assert [(i.category, i.amount) for i in application.investments.all()] == [
        ("equipment", 10500000),
        ("software", 10500000),
    ]
    assert [w.name for w in application.workshops.all()] == ["一车间", "二车间"]
    assert application.scenarios.count() == 5
    assert (application.maturity_level, application.maturity_report_no) == (3, "C3M-0001")

    event = ApplicationEvent.objects.get(application=application)
    assert (event.action, event.from_status, event.to_status, event.actor, event.role) == (
        "import_submission",
        "draft",
        "submitted",
        cast.dept,
        "department",
    )
    submission = Submission.objects.get(application=application)
    assert event.submission == submission and submission.submitted_by == cast.dept
    assert submission.snapshot["application"]["applied_on"] == "2026-03-15"
    assert submission.snapshot["application"]["investments"][0]["amount"] == "10500000.00"
    assert submission.verdict["eligible"] is True

    enterprise = application.enterprise
    assert (enterprise.name, enterprise.uscc, enterprise.registered_division) == (
        doc["enterprise"]["name"],
        doc["enterprise"]["uscc"],
        "220203",
    )
    assert enterprise.industry == "" and enterprise.industry_section == ""
    credit = CreditCheck.objects.get(enterprise=enterprise)
    assert (credit.rating, credit.source, credit.recorded_by) == ("good", SOURCE, cast.dept)
    assert Violation.objects.get(enterprise=enterprise).source == SOURCE
    assert AuditEntry.objects.filter(verb="import_application", target_id=str(application.pk)).exists()


def test_an_imported_application_is_visible_to_its_bureau_and_the_department(cast, client) -> None:
    application = do_import_application(cast.call, document(region="220102"), actor=cast.dept)
    for user, code in ((cast.changchun, 200), (cast.dept, 200), (cast.jilin, 404), (cast.ent_a, 404)):
        client.force_login(user)
        assert client.get(f"/applications/{application.pk}/").status_code == code


@pytest.mark.parametrize(
    ("region", "bureau"),
    [
        ("220102", "220102"),  # a county-level code: its own bureau
        ("220100", "220100"),  # a prefecture's code: the prefecture's bureau
        ("220581", "220581"),  # 梅河口市 is its own, reporting to the Department directly
        ("222401", "222401"),  # 延吉市
    ],
)
def test_the_bureau_is_the_jurisdiction_of_the_region_code(cast, region: str, bureau: str) -> None:
    application = do_import_application(cast.call, document(region=region), actor=cast.dept)
    assert application.jurisdiction.code == bureau
    assert application.enterprise.jurisdiction.code == bureau


def test_the_nearest_bureau_above_is_taken_when_a_county_has_none(cast) -> None:
    from smartmfg.jurisdictions.models import Jurisdiction

    Jurisdiction.objects.filter(code="220112").update(is_active=False)  # 双阳区
    assert bureau_for("220112").code == "220100"
    assert bureau_for("220000") is None  # “Jilin” names no local bureau
    assert bureau_for("110105") is None  # outside Jilin


def test_an_enterprise_registered_outside_jilin_is_refused_naming_the_field(cast) -> None:
    doc = document()
    doc["enterprise"]["region_code"] = "110105"
    with pytest.raises(InvalidApplication) as refused:
        do_import_application(cast.call, doc, actor=cast.dept)
    assert [e.path for e in refused.value.errors] == ["enterprise.region_code"]
    assert "110105" in refused.value.render("zh")
    assert not Enterprise.objects.filter(uscc=doc["enterprise"]["uscc"]).exists()


def test_an_existing_enterprise_is_found_by_credit_code_and_its_records_are_not_doubled(cast) -> None:
    first = document(tier="digital_workshop", violations=[{"date": "2025-01-02", "description": "处罚"}])
    second = document(
        tier="smart_factory",
        total="41000000.00",
        enterprise=first["enterprise"],
        violations=first["violations"] + [{"date": "2025-06-01", "description": "另一次"}],
    )
    one = do_import_application(cast.call, first, actor=cast.dept)
    two = do_import_application(cast.call, second, actor=cast.dept)
    assert one.enterprise == two.enterprise
    assert Violation.objects.filter(enterprise=one.enterprise).count() == 2
    assert CreditCheck.objects.filter(enterprise=one.enterprise).count() == 1


def test_a_second_application_for_the_same_tier_in_the_call_is_refused_and_changes_nothing(cast) -> None:
    doc = document()
    do_import_application(cast.call, doc, actor=cast.dept)
    before = (Application.objects.count(), CreditCheck.objects.count(), Violation.objects.count())
    again = {**doc, "violations": [{"date": "2025-01-01", "description": "不应写入"}]}
    with pytest.raises(InvalidApplication) as refused:
        do_import_application(cast.call, again, actor=cast.dept)
    assert [e.path for e in refused.value.errors] == ["tier"]
    assert "已有" in refused.value.render("zh") and "already has" in refused.value.render("en")
    assert (Application.objects.count(), CreditCheck.objects.count(), Violation.objects.count()) == before


def test_an_enterprise_that_applied_online_cannot_be_imported_again_for_that_tier(cast) -> None:
    doc = document(enterprise={**document()["enterprise"], "uscc": cast.enterprise_a.uscc})
    with pytest.raises(InvalidApplication) as refused:
        do_import_application(cast.call, doc, actor=cast.dept)
    assert cast.app_a.reference in refused.value.render("zh")


def test_invalid_documents_are_reported_with_exact_paths_and_the_valid_ones_imported(cast) -> None:
    bad = document()
    bad["investments"][1]["amount"] = "12.345"
    bad["project"]["workshops"][0]["name"] = "长" * 200
    bad["maturity"]["score"] = "3.125"
    also_bad = document(tier="smart_factory")
    del also_bad["applied_on"]
    good = document()
    outcomes = import_file(cast.call, text(bad, good, also_bad), actor=cast.dept, source="批量.json")

    assert [o.source for o in outcomes] == ["批量.json[0]", "批量.json[1]", "批量.json[2]"]
    assert [o.imported for o in outcomes] == [False, True, False]
    assert [e.path for e in outcomes[0].errors] == ["investments[1].amount"]  # the format first, then storage
    assert [e.path for e in outcomes[2].errors] == ["applied_on"]
    assert not Enterprise.objects.filter(uscc=bad["enterprise"]["uscc"]).exists()

    fixed = {**bad, "investments": document()["investments"]}
    refused = import_file(cast.call, text(fixed), actor=cast.dept, source="改.json")[0]
    assert [e.path for e in refused.errors] == ["project.workshops[0].name", "maturity.score"]
    assert "128" in refused.messages("zh")[0]["message"]


def test_a_file_that_is_not_json_is_one_error_for_the_whole_file(cast) -> None:
    [outcome] = import_file(cast.call, b"{oops", actor=cast.dept, source="坏.json")
    assert (outcome.source, outcome.imported, [e.path for e in outcome.errors]) == ("坏.json", False, [""])
    assert "JSON" in outcome.messages("zh")[0]["message"]


def test_a_tier_the_call_does_not_offer_is_refused(cast) -> None:
    call = factories.open_call(cast.dept, tiers=["digital_workshop"])
    with pytest.raises(InvalidApplication) as refused:
        do_import_application(call, document(tier="future_factory", total="90000000.00"), actor=cast.dept)
    assert [e.path for e in refused.value.errors] == ["tier"]


def test_only_the_department_imports_and_only_into_a_published_call(cast) -> None:
    for outsider in (cast.changchun, cast.ent_a, cast.admin, cast.expert):
        with pytest.raises(PermissionDenied):
            do_import_application(cast.call, document(), actor=outsider)
    draft = factories.open_call(cast.dept)
    draft.status = "draft"
    draft.save(update_fields=["status"])
    with pytest.raises(PermissionDenied, match="尚未发布"):
        import_file(draft, text(document()), actor=cast.dept, source="x.json")
    do_close_call(cast.call, actor=cast.dept)  # paper arrives late: a closed call still takes imports
    assert do_import_application(cast.call, document(), actor=cast.dept).status == "submitted"


def test_records_of_every_kind_are_appended_with_the_import_as_source(cast) -> None:
    doc = document(
        major_incidents=[{"date": "2024-08-01", "kind": "quality", "description": "质量问题"}],
        revocations=[{"date": "2022-01-01", "reason": "弄虚作假"}],
    )
    application = do_import_application(cast.call, doc, actor=cast.dept)
    enterprise = application.enterprise
    assert MajorIncident.objects.get(enterprise=enterprise).source == SOURCE
    revocation = Revocation.objects.get(enterprise=enterprise)
    assert (revocation.revoked_on, revocation.recorded_by, revocation.application) == (
        dt.date(2022, 1, 1),
        cast.dept,
        None,
    )
    assert application.verdict_eligible is False  # the incident is within two years of 2026-03-15
    assert application.verdict_results["no_major_incidents"] == "fail"
