"""Storing files of an application, and its reference number.

Storage is not transactional: ``stored_files`` removes again what a failed
transaction wrote. Used by the enterprise's form (``wizard.actions``) and by
every step that carries files (``workflow.transition``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application, ApplicationEvent, Attachment
from smartmfg.calls.models import Call
from smartmfg.lib.actions import next_number, save_with_file, upload_facts

# Reference numbers read like 2026-CJ-0001: year, tier, sequence in the year.
TIER_CODES = {"digital_workshop": "CJ", "smart_factory": "GC", "future_factory": "WL"}


def new_reference(call: Call, tier: str) -> str:
    """The next reference number of ``tier`` in the call's year (call inside a transaction)."""
    number = next_number(f"application-{call.year}-{tier}")
    return f"{call.year}-{TIER_CODES[tier]}-{number:04d}"


@contextmanager
def stored_files() -> Iterator[list[str]]:
    """Collect the names of files written inside a transaction; delete them if it fails.

    Storage is not transactional: without this, a failed upload would leave
    a file on disk that no row points to.
    """
    names: list[str] = []
    try:
        yield names
    except BaseException:
        for name in names:
            default_storage.delete(name)
        raise


def store_attachment(
    application: Application,
    upload: UploadedFile,
    *,
    kind: str,
    actor: User,
    content_type: str,
    written: list[str],
    event: ApplicationEvent | None = None,
) -> Attachment:
    """Write the file and its row (call inside a transaction and ``stored_files``)."""
    attachment = Attachment(
        application=application,
        kind=kind,
        content_type=content_type,
        uploaded_by=actor,
        event=event,
        **upload_facts(upload),
    )
    save_with_file(attachment, upload, written)
    return attachment
