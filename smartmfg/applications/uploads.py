"""What an uploaded file may be: its size, and its type read from its content."""

from __future__ import annotations

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# Types accepted, by what the content is (never by the name the uploader gave).
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (.docx)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel (.xlsx)",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint (.pptx)",
    "application/msword": "Word (.doc)",
    "application/vnd.ms-excel": "Excel (.xls)",
    "application/vnd.ms-powerpoint": "PowerPoint (.ppt)",
    "application/x-ole-storage": "Office 97-2003",
}
MEGABYTE = 1024 * 1024


def check_upload(upload: UploadedFile, *, max_mb: int, field: str = "file") -> str:
    """The content type of ``upload``, or ``ValidationError`` naming ``field``."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError({field: _("文件是空的")})
    if size > max_mb * MEGABYTE:
        raise ValidationError(
            {field: _("文件大小 %(size).1f MB，超过上限 %(max)d MB") % {"size": size / MEGABYTE, "max": max_mb}}
        )
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime not in ALLOWED_TYPES:
        raise ValidationError(
            {
                field: _("不支持的文件类型（按文件内容识别为：%(found)s）。可上传：%(allowed)s")
                % {"found": mime or _("未知"), "allowed": "、".join(sorted(set(ALLOWED_TYPES.values())))}
            }
        )
    return mime
