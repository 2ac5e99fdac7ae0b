"""What an objection filed online must say (第十条: real name, contact, facts), checked the same way twice.

``check_answers`` is the one rule: the public form runs it to name each
field in error, and filing runs it again on the stored draft, whatever the
page showed. Pure of the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from smartmfg.applications.uploads import check_upload
from smartmfg.calls.models import Call
from smartmfg.lib.validators import validate_mobile, validate_uscc
from smartmfg.notices.abuse import setting
from smartmfg.notices.models import Objection
from smartmfg.rules.identifiers import normalise_uscc

FIELDS = ("objector_kind", "name", "organisation", "organisation_uscc", "phone", "email", "content", "pledge")
NAME_LENGTH = 64
ORGANISATION_LENGTH = 128


def max_chars() -> int:
    """The longest statement of facts accepted (``OBJECTION_MAX_CHARS``, 5,000 characters by default)."""
    return setting("OBJECTION_MAX_CHARS", 5000)


def answers_of(data: Mapping[str, Any]) -> dict[str, Any]:
    """The form's fields as typed (stripped), for keeping on the draft; nothing else of the request."""
    kept: dict[str, Any] = {name: str(data.get(name) or "").strip() for name in FIELDS if name != "pledge"}
    kept["pledge"] = str(data.get("pledge") or "").lower() in {"on", "true", "1", "yes"}
    return kept


def check_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers cleaned, or ``ValidationError`` naming every field in error."""
    data = answers_of(answers)
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    kind = data.get("objector_kind", "")
    if kind not in Objection.ObjectorKind.values:
        refuse("objector_kind", _("请选择以个人还是单位名义提出异议"))
    _text(data, "name", _("请填写真实姓名"), NAME_LENGTH, refuse)
    if kind == Objection.ObjectorKind.ORGANISATION:
        _text(data, "organisation", _("以单位名义提出异议的，请填写单位名称"), ORGANISATION_LENGTH, refuse)
        _uscc(data, refuse)
    else:
        data["organisation"] = data["organisation_uscc"] = ""
    _phone(data, refuse)
    _email(data, refuse)
    _content(data, refuse)
    if not data.get("pledge"):
        refuse("pledge", _("请阅读并勾选承诺：所反映情况真实，愿意配合核实"))
    if errors:
        raise ValidationError(errors)
    return data


def _text(data: dict[str, Any], field: str, missing: str, length: int, refuse: Any) -> None:
    value = data.get(field, "")
    if not value:
        refuse(field, missing)
    elif len(value) > length:
        refuse(field, _("最多%(n)d个字") % {"n": length})


def _uscc(data: dict[str, Any], refuse: Any) -> None:
    code = normalise_uscc(data.get("organisation_uscc", ""))
    data["organisation_uscc"] = code
    if not code:
        refuse("organisation_uscc", _("以单位名义提出异议的，请填写单位的统一社会信用代码"))
        return
    try:
        validate_uscc(code)
    except ValidationError as error:
        for message in error.messages:
            refuse("organisation_uscc", message)


def _phone(data: dict[str, Any], refuse: Any) -> None:
    phone = data.get("phone", "").replace(" ", "").replace("-", "")
    data["phone"] = phone
    if not phone:
        refuse("phone", _("请填写手机号码，以便核实情况时与您联系"))
        return
    try:
        validate_mobile(phone)
    except ValidationError as error:
        for message in error.messages:
            refuse("phone", message)


def _email(data: dict[str, Any], refuse: Any) -> None:
    email = data.get("email", "")
    if not email:
        return
    try:
        validate_email(email)
    except ValidationError:
        refuse("email", _("电子邮箱格式不正确，如：name@example.com；也可以不填"))
    if len(email) > 254:
        refuse("email", _("电子邮箱过长"))


def _content(data: dict[str, Any], refuse: Any) -> None:
    content = data.get("content", "")
    limit = max_chars()
    if not content:
        refuse("content", _("请写明异议的事实和理由"))
    elif len(content) > limit:
        refuse(
            "content",
            _("异议内容最多%(max)d个字，现有%(n)d个字；详细情况可作为证明材料上传") % {"max": limit, "n": len(content)},
        )


# ------------------------------------------------------------------- evidence

# Evidence from the public is a PDF or an image, told by its content (never by its name).
EVIDENCE_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}


def max_files() -> int:
    """How many evidence files one objection carries (``OBJECTION_MAX_FILES``, 5 by default)."""
    return setting("OBJECTION_MAX_FILES", 5)


def max_file_mb(call: Call) -> int:
    """The size limit of one file: the call's limit for attachments, capped by ``OBJECTION_MAX_FILE_MB`` (20)."""
    return min(call.max_attachment_mb, setting("OBJECTION_MAX_FILE_MB", 20))


def check_evidence(upload: UploadedFile, *, max_mb: int) -> str:
    """The content type of one evidence file, or ``ValidationError`` on ``evidence`` naming the file."""
    name = upload.name or _("文件")
    if upload.size:  # an empty file is told as such by check_upload
        head = upload.read(8192)
        upload.seek(0)
        kind = filetype.guess(head)
        if kind is None or kind.mime not in EVIDENCE_TYPES:
            raise ValidationError({"evidence": _refused_type(name, kind.mime if kind else "")})
    try:
        mime = check_upload(upload, max_mb=max_mb, field="evidence")
    except ValidationError as error:
        raise ValidationError({"evidence": [f"{name}：{message}" for message in error.messages]}) from None
    if mime not in EVIDENCE_TYPES:
        raise ValidationError({"evidence": _refused_type(name, mime)})
    return mime


def _refused_type(name: str, found: str) -> str:
    return _("%(name)s：证明材料只能是PDF或图片（JPEG、PNG），该文件按内容识别为：%(found)s") % {
        "name": name,
        "found": found or _("未知类型"),
    }
