"""Recognition numbers: issued when the list is published, in its order, a sequence per call and tier; idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from smartmfg.audit.models import AuditEntry
from smartmfg.certificates.actions import do_issue_certificates, do_save_certificate_series
from smartmfg.certificates.models import Certificate
from smartmfg.lib.events import deliver
from smartmfg.workflow.events import StepTaken
from tests import factories
from tests.certificates.helpers import published
from tests.journeys import advance, cultivation_application, document_number, publish

DEFAULT_PREFIXES = {"digital_workshop": "数车", "smart_factory": "智工", "future_factory": "未工"}


def _numbers(publication) -> list[tuple[str, str]]:
    return [(c.number, c.enterprise_name) for c in Certificate.objects.filter(publication=publication)]


def test_the_publish_step_numbers_the_list_in_its_order_per_tier(cast, django_capture_on_commit_callbacks):
    factory = factories.submitted_application(cast.call, cast.ent_a, reviewer=cast.changchun, tier="smart_factory")
    ready = [advance(cast, a, "notice_passed") for a in (cast.app_a, cast.app_b, factory)]
    with django_capture_on_commit_callbacks(execute=True):
        publication = publish(cast, cast.call, *ready)
    year = cast.call.year
    # The list puts workshops first (by reference), then the smart factory: each tier counts from 1.
    lines = [(line["enterprise"], line["tier"]) for line in publication.entries]
    expected = {
        ("长春甲企业有限公司", "digital_workshop"): f"吉数车-{year}-0001",
        ("吉林乙企业有限公司", "digital_workshop"): f"吉数车-{year}-0002",
        ("长春甲企业有限公司", "smart_factory"): f"吉智工-{year}-0001",
    }
    certificates = {c.position: c for c in Certificate.objects.filter(publication=publication)}
    assert [certificates[i].number for i in range(1, 4)] == [expected[line] for line in lines]
    assert [c.sequence for c in certificates.values()] == [1, 2, 1]
    assert AuditEntry.objects.filter(verb="issue_certificates", target_id=str(publication.pk)).count() == 1


def test_a_second_delivery_of_the_event_issues_nothing(cast, django_capture_on_commit_callbacks):
    ready = advance(cast, cast.app_a, "notice_passed")
    with django_capture_on_commit_callbacks(execute=True):
        publication = publish(cast, cast.call, ready)
    before = _numbers(publication)
    event = cast.app_a.events.get(action="publish")
    with django_capture_on_commit_callbacks(execute=True):
        deliver(
            StepTaken(cast.app_a.pk, event.pk, "publish", "notice_passed", "recognised", cast.dept.pk, "department", "")
        )
    assert _numbers(publication) == before and len(before) == 1
    assert do_issue_certificates(publication, actor=cast.dept) == []
    assert AuditEntry.objects.filter(verb="issue_certificates").count() == 1


def test_a_later_list_of_the_same_call_continues_the_sequence(cast):
    first = published(cast, cast.app_a, number=1)
    second = published(cast, cast.app_b, cultivation_application(cast), number=2)
    year = cast.call.year
    assert [n for n, _ in _numbers(first)] == [f"吉数车-{year}-0001"]
    # A cultivation project is numbered too: the verification page says it is in cultivation.
    assert [n for n, _ in _numbers(second)] == [f"吉数车-{year}-0002", f"吉数车-{year}-0003"]


def test_the_series_the_department_set_writes_the_numbers(cast):
    do_save_certificate_series(
        cast.call,
        number_format="JL{year}{prefix}{seq:03d}",
        prefixes={"digital_workshop": "SC", "smart_factory": "ZG", "future_factory": "WG"},
        actor=cast.dept,
    )
    publication = published(cast, cast.app_a)
    assert _numbers(publication) == [(f"JL{cast.call.year}SC001", "长春甲企业有限公司")]


def test_the_series_is_frozen_once_a_number_is_issued(cast):
    published(cast, cast.app_a)
    with pytest.raises(PermissionDenied, match="不能再修改"):
        do_save_certificate_series(
            cast.call, number_format="吉{prefix}{year}{seq}", prefixes=DEFAULT_PREFIXES, actor=cast.dept
        )


def test_two_calls_of_one_year_may_not_write_the_same_numbers(cast):
    other = factories.open_call(cast.dept)
    do_save_certificate_series(
        other, number_format="吉{prefix}-{year}-{seq:04d}", prefixes=DEFAULT_PREFIXES, actor=cast.dept
    )
    with pytest.raises(ValidationError) as refused:
        do_save_certificate_series(
            cast.call, number_format="吉{prefix}-{year}-{seq:04d}", prefixes=DEFAULT_PREFIXES, actor=cast.dept
        )
    assert "编号会重复" in refused.value.message_dict["number_format"][0]


def test_numbers_already_taken_by_another_call_stop_the_numbering_with_nothing_issued(cast):
    other = factories.open_call(cast.dept)
    company = factories.enterprise("长春丁企业有限公司", "220102")
    applicant = factories.enterprise_user("ent_d", company)
    theirs = factories.submitted_application(other, applicant, reviewer=cast.changchun)
    ready = advance(cast, theirs, "notice_passed")
    do_issue_certificates(publish(cast, other, ready, number=document_number(7)), actor=cast.dept)
    ours = publish(cast, cast.call, advance(cast, cast.app_a, "notice_passed"), number=document_number(8))
    with pytest.raises(ValidationError, match="已被其他批次使用"):
        do_issue_certificates(ours, actor=cast.dept)
    assert not Certificate.objects.filter(publication=ours).exists()


def test_only_the_department_numbers(cast):
    publication = publish(cast, cast.call, advance(cast, cast.app_a, "notice_passed"))
    with pytest.raises(PermissionDenied):
        do_issue_certificates(publication, actor=cast.ent_a)


def test_the_command_numbers_lists_published_before_and_twice_is_once(cast):
    publication = publish(cast, cast.call, advance(cast, cast.app_a, "notice_passed"))  # no event delivered
    out = StringIO()
    call_command("issue-certificates", str(cast.call.pk), stdout=out)
    assert f"吉数车-{cast.call.year}-0001" in out.getvalue()
    assert len(_numbers(publication)) == 1
    again = StringIO()
    call_command("issue-certificates", str(cast.call.pk), "--actor", "dept", stdout=again)
    assert "均已有认定编号" in again.getvalue()
    assert len(_numbers(publication)) == 1


def test_the_command_refuses_an_unknown_call_or_actor(cast):
    with pytest.raises(CommandError, match="没有ID为"):
        call_command("issue-certificates", "999999", stdout=StringIO())
    with pytest.raises(CommandError, match="有效账号"):
        call_command("issue-certificates", str(cast.call.pk), "--actor", "nobody", stdout=StringIO())
