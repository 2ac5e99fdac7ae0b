"""The enterprise's actions on its application: drafting, files, submission."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from smartmfg.applications.models import Application, Attachment, Submission
from smartmfg.audit.models import AuditEntry
from smartmfg.wizard import actions
from smartmfg.workflow import actions as submission
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_new_application_gets_a_reference_and_its_enterprises_bureau(cast) -> None:
    company = factories.enterprise("长春丙企业", "220104")
    user = factories.enterprise_user("ent_c", company)
    application = actions.do_create_application(cast.call, company, "smart_factory", actor=user)
    assert application.reference == f"{cast.call.year}-GC-0001"
    assert application.jurisdiction.code == "220104"
    assert application.status == "draft"
    assert AuditEntry.objects.filter(verb="create_application", target_id=str(application.pk)).exists()


def test_edits_are_recorded_with_old_and_new_values_and_refresh_the_verdict(cast) -> None:
    draft = factories.draft_application(
        cast.call, factories.enterprise_user("ent_d", factories.enterprise("丁", "220102"))
    )
    changed = actions.do_update_application(
        draft, {"project_name": "新名称", "maturity_level": 2}, actor=draft.created_by
    )
    assert changed == ["project_name"]
    entry = AuditEntry.objects.filter(verb="update_application").latest("id")
    assert entry.changes["project_name"][1] == "新名称"
    actions.do_replace_investments(draft, factories.investments(Decimal("19999999.99")), actor=draft.created_by)
    draft.refresh_from_db()
    assert draft.verdict_results["investment_threshold"] == "fail"
    assert draft.eligible_investment == Decimal("19999999.99")


def test_another_enterprise_cannot_edit(cast) -> None:
    draft = factories.draft_application(
        cast.call, factories.enterprise_user("ent_e", factories.enterprise("戊", "220102"))
    )
    with pytest.raises(PermissionDenied):
        actions.do_update_application(draft, {"project_name": "x"}, actor=cast.ent_b)


def test_a_submitted_application_cannot_be_edited(cast) -> None:
    with pytest.raises(PermissionDenied, match="不能修改"):
        actions.do_update_application(cast.app_a, {"project_name": "x"}, actor=cast.ent_a)


def test_submission_freezes_a_snapshot_and_the_days_verdict(cast) -> None:
    submission = Submission.objects.get(application=cast.app_a)
    assert submission.number == 1
    assert submission.snapshot["application"]["enterprise"]["uscc"] == cast.enterprise_a.uscc
    assert submission.snapshot["attachments"][0]["sha256"] == cast.app_a.attachments.get().sha256
    assert submission.verdict["eligible"] is True
    assert cast.app_a.applied_on == timezone.localdate()
    assert cast.app_a.holder == cast.app_a.jurisdiction


def test_submission_is_refused_when_incomplete_and_says_what_is_missing(cast) -> None:
    company = factories.enterprise("己", "220102")
    user = factories.enterprise_user("ent_f", company)
    draft = actions.do_create_application(cast.call, company, "digital_workshop", actor=user)
    with pytest.raises(PermissionDenied) as refusal:
        submission.do_submit_application(draft, actor=user)
    for missing in ("项目名称", "投资明细", "成熟度自评估", "申报书", "承诺书"):
        assert missing in str(refusal.value)
    assert not Submission.objects.filter(application=draft).exists()
    assert Application.objects.get(pk=draft.pk).status == "draft"


def test_submission_is_refused_after_the_closing_time(cast) -> None:
    draft = factories.draft_application(
        cast.call, factories.enterprise_user("ent_g", factories.enterprise("庚", "220102"))
    )
    cast.call.closes_at = timezone.now() - dt.timedelta(minutes=1)
    cast.call.save(update_fields=["closes_at"])
    with pytest.raises(PermissionDenied, match="不在本批次的申报时间内"):
        submission.do_submit_application(draft, actor=draft.created_by)


def test_a_file_of_the_wrong_type_is_refused_by_its_content_not_its_name(cast) -> None:
    draft = factories.draft_application(
        cast.call, factories.enterprise_user("ent_h", factories.enterprise("辛", "220102"))
    )
    fake = SimpleUploadedFile("报告.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        actions.do_add_attachment(draft, fake, kind="other", actor=draft.created_by)
    assert "不支持的文件类型" in str(error.value)
    assert not Attachment.objects.filter(application=draft, kind="other").exists()


def test_a_file_over_the_calls_limit_is_refused(cast) -> None:
    draft = factories.draft_application(
        cast.call, factories.enterprise_user("ent_i", factories.enterprise("壬", "220102"))
    )
    cast.call.max_attachment_mb = 1
    cast.call.save(update_fields=["max_attachment_mb"])
    draft.refresh_from_db()
    big = SimpleUploadedFile("大.pdf", factories.DEMO_PDF + b"0" * (1024 * 1024), content_type="application/pdf")
    with pytest.raises(ValidationError, match="超过上限 1 MB"):
        actions.do_add_attachment(draft, big, kind="other", actor=draft.created_by)


def test_a_failed_upload_leaves_no_file_behind(cast, settings, monkeypatch) -> None:
    draft = factories.draft_application(
        cast.call, factories.enterprise_user("ent_j", factories.enterprise("癸", "220102"))
    )
    files_before = {p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()}

    def fail(*args, **kwargs):
        raise RuntimeError("the audit row could not be written")

    monkeypatch.setattr(actions, "record", fail)
    with pytest.raises(RuntimeError):
        actions.do_add_attachment(draft, factories.pdf_upload("x.pdf"), kind="other", actor=draft.created_by)
    assert {p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()} == files_before
    assert not Attachment.objects.filter(application=draft, original_name="x.pdf").exists()


def test_a_removed_file_stays_in_the_earlier_submission(cast) -> None:
    from smartmfg.workflow.transition import transition

    transition(cast.app_a, "withdraw", cast.ent_a)
    attachment = cast.app_a.attachments.get()
    actions.do_remove_attachment(cast.app_a, attachment, actor=cast.ent_a)
    attachment.refresh_from_db()
    assert attachment.removed_at is not None
    first = Submission.objects.get(application=cast.app_a, number=1)
    assert first.snapshot["attachments"][0]["id"] == attachment.pk
