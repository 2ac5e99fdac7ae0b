"""An uploaded file written beside its row: the name, the size and the SHA-256 every stored file records.

Applications' attachments, objections' evidence and visits' photos are rows of their own models with
the same four columns (``original_name``, ``size``, ``sha256``, ``file``); these two functions fill
them the same way (call inside a transaction and ``applications.actions.stored_files``).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import models


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
