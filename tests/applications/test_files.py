"""An application's files: the working copy, the files of its steps, nothing left on disk by a failed write."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from smartmfg.applications.actions import new_reference, store_attachment, stored_files
from smartmfg.applications.models import Attachment
from smartmfg.demo.files import DEMO_PDF
from smartmfg.workflow.transition import transition
from tests import factories


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, DEMO_PDF, content_type="application/pdf")


def _store(application, actor, name, **extra):
    with transaction.atomic(), stored_files() as written:
        return store_attachment(
            application, _pdf(name), kind="other", actor=actor, content_type="application/pdf", written=written, **extra
        )


@pytest.mark.django_db
def test_the_working_copy_leaves_out_removed_files_and_those_of_steps(cast) -> None:
    draft = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    kept = _store(draft, cast.ent_a, "保留.pdf")
    removed = _store(draft, cast.ent_a, "移除.pdf")
    Attachment.objects.filter(pk=removed.pk).update(removed_at=removed.uploaded_at)
    application = cast.app_a
    event = transition(application, "bureau_return", cast.changchun, reason="请补充", seen=application.status)
    step_file = _store(application, cast.changchun, "退回说明.pdf", event=event)
    names = set(draft.current_files().values_list("original_name", flat=True))
    assert kept.original_name in names and removed.original_name not in names
    assert step_file not in application.current_files()
    assert application.attachments.filter(pk=step_file.pk).exists()  # kept all the same, with its step


@pytest.mark.django_db
def test_a_stored_file_carries_its_hash_size_and_uploader(cast) -> None:
    attachment = _store(cast.app_a, cast.ent_a, "申报书.pdf")
    assert attachment.size == len(DEMO_PDF)
    assert len(attachment.sha256) == 64
    assert attachment.uploaded_by == cast.ent_a
    assert default_storage.exists(attachment.file.name)


@pytest.mark.django_db
def test_a_failed_write_leaves_no_file_on_disk(cast) -> None:
    written: list[str] = []
    with pytest.raises(RuntimeError), transaction.atomic(), stored_files() as names:
        store_attachment(
            cast.app_a,
            _pdf("中途失败.pdf"),
            kind="other",
            actor=cast.ent_a,
            content_type="application/pdf",
            written=names,
        )
        written = list(names)
        raise RuntimeError("the step failed after the file was written")
    assert written and not any(default_storage.exists(name) for name in written)
    assert not Attachment.objects.filter(original_name="中途失败.pdf").exists()


@pytest.mark.django_db
def test_reference_numbers_count_per_tier_and_year(cast) -> None:
    with transaction.atomic():
        first = new_reference(cast.call, "future_factory")
        second = new_reference(cast.call, "future_factory")
        other = new_reference(cast.call, "smart_factory")
    year = cast.call.year
    assert first == f"{year}-WL-0001" and second == f"{year}-WL-0002"
    assert other.startswith(f"{year}-GC-")
