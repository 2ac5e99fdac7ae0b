"""Files by kind: several at a time, listed with their hashes, refused by content and size, removed."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from smartmfg.applications.models import Attachment
from smartmfg.demo.files import DEMO_PDF
from smartmfg.wizard import actions
from tests import factories
from tests.wizard.helpers import url


@pytest.fixture
def draft(cast):
    return actions.do_create_application(cast.call, cast.enterprise_a, "smart_factory", actor=cast.ent_a)


def pdf(name: str, extra: bytes = b"") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, DEMO_PDF + extra, content_type="application/pdf")


def test_several_files_of_one_kind_are_listed_with_size_type_hash_and_time(client, cast, draft) -> None:
    client.force_login(cast.ent_a)
    files = [pdf("审计报告一.pdf"), pdf("审计报告二.pdf", b"%% 2")]
    response = client.post(url("attachments", draft), {"kind": "audit_report", "documents": files})
    assert response.status_code == 302
    stored = list(draft.attachments.order_by("id"))
    assert [(a.kind, a.original_name) for a in stored] == [
        ("audit_report", "审计报告一.pdf"),
        ("audit_report", "审计报告二.pdf"),
    ]
    page = client.get(url("attachments", draft)).content.decode()
    assert hashlib.sha256(DEMO_PDF + b"%% 2").hexdigest() in page
    assert ">PDF<" in page and "投资专项审计报告" in page
    assert stored[0].uploaded_at.astimezone().strftime("%Y-%m-%d") in page
    assert "尚未上传，提交前必须上传" in page  # the 申报书 is still missing


def test_a_file_whose_content_is_not_an_allowed_type_is_refused_and_nothing_is_kept(client, cast, draft) -> None:
    client.force_login(cast.ent_a)
    fake = SimpleUploadedFile("申报书.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf")
    response = client.post(
        url("attachments", draft), {"kind": "application_form", "documents": [pdf("好的.pdf"), fake]}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "“文件”" in page or ">文件<" in page
    assert "“申报书.pdf”：不支持的文件类型" in page
    assert not Attachment.objects.filter(application=draft).exists()


def test_a_file_over_the_calls_limit_is_refused(client, cast, draft) -> None:
    cast.call.max_attachment_mb = 1
    cast.call.save()
    client.force_login(cast.ent_a)
    big = pdf("大文件.pdf", b"0" * (1024 * 1024 + 1))
    response = client.post(url("attachments", draft), {"kind": "other", "documents": [big]})
    assert response.status_code == 400
    assert "超过上限 1 MB" in response.content.decode()
    assert not draft.attachments.exists()


def test_a_kind_must_be_chosen(client, cast, draft) -> None:
    client.force_login(cast.ent_a)
    response = client.post(url("attachments", draft), {"kind": "", "documents": [pdf("a.pdf")]})
    assert response.status_code == 400
    assert "材料类别" in response.content.decode()
    assert not draft.attachments.exists()


def test_a_removed_file_stays_in_the_earlier_submission(client, cast) -> None:
    client.force_login(cast.ent_a)
    client.post(f"/applications/{cast.app_a.pk}/steps/withdraw/")
    form = cast.app_a.attachments.get(kind="application_form")
    response = client.post(url("attachment_remove", cast.app_a, attachment_id=form.pk))
    assert response.status_code == 302
    form.refresh_from_db()
    assert form.removed_at is not None
    page = client.get(url("attachments", cast.app_a)).content.decode()
    assert f"/files/{form.pk}/" not in page
    first = client.get(url("submission", cast.app_a, number=1)).content.decode()
    assert form.original_name in first and form.sha256 in first
    assert client.get(f"/applications/{cast.app_a.pk}/files/{form.pk}/").status_code == 200


def test_files_cannot_be_removed_after_submission(client, cast) -> None:
    client.force_login(cast.ent_a)
    form = cast.app_a.attachments.get(kind="application_form")
    assert client.post(url("attachment_remove", cast.app_a, attachment_id=form.pk)).status_code == 403
    form.refresh_from_db()
    assert form.removed_at is None


def test_another_applications_file_is_not_found(client, cast) -> None:
    draft = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    client.force_login(cast.ent_a)
    other = cast.app_a.attachments.get()
    assert client.post(url("attachment_remove", draft, attachment_id=other.pk)).status_code == 404
