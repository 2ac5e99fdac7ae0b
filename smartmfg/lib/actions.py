"""The writes of the generic helpers: taking the next number of a sequence; an uploaded file written beside
its row (the name, the size and the SHA-256 that attachments, objection evidence and visit photos record;
call inside a transaction and ``applications.actions.stored_files``)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import F

from smartmfg.lib.models import Sequence


def next_number(scope: str) -> int:
    """The next number in ``scope`` (1, 2, ...), never handed out twice.

    The increment is a single UPDATE, which takes the row lock on PostgreSQL
    and the write lock on SQLite, so two concurrent callers never get the
    same value.
    """
    with transaction.atomic():
        Sequence.objects.get_or_create(scope=scope)
        Sequence.objects.filter(scope=scope).update(value=F("value") + 1)
        return Sequence.objects.values_list("value", flat=True).get(scope=scope)


def upload_facts(upload: UploadedFile, fallback: str = "file") -> dict[str, Any]:
    """``original_name``, ``size`` and ``sha256`` of an upload (read in chunks, rewound after)."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return {"original_name": (upload.name or fallback)[:255], "size": upload.size or 0, "sha256": digest.hexdigest()}


def save_with_file(row: models.Model, upload: UploadedFile, written: list[str], fallback: str = "file") -> None:
    """Write the file to storage, note its name (removed again if the transaction fails), save the row."""
    field: Any = row.file  # type: ignore[attr-defined]
    field.save(upload.name or fallback, upload, save=False)
    written.append(field.name)
    row.save()
