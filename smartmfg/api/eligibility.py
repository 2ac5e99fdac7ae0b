"""``POST /api/v1/eligibility``: a calculator over applications the caller supplies.

It needs no account: it judges only what it is given, stores nothing and
reads nothing private (a call's policy, with ``?call=``, only when the caller
may see that call). Abuse is bounded by size (the request body limit, at most
``MAX_DOCUMENTS`` applications a request) and by rate (``RATE`` per signed-in
user, or per address for anonymous callers).
"""

from __future__ import annotations

from typing import Any, Final

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from smartmfg.access import get_call_for_user
from smartmfg.api.auth import PerUserOrAddress
from smartmfg.api.errors import ApiBadRequest
from smartmfg.api.examples import EXAMPLE_APPLICATION
from smartmfg.api.schemas import ErrorOut, VerdictOut
from smartmfg.eligibility.verdicts import judge_documents
from smartmfg.rules.policy import DEFAULT_POLICY, Policy
from smartmfg.rules.schema import ApplicationDocument
from smartmfg.rules.text import normalise_lang

MAX_DOCUMENTS: Final = 1000
RATE: Final = "60/min"
SOURCE: Final = "request"

router = Router(tags=["条件判定"])


def _inline(schema: Any, defs: dict[str, Any]) -> Any:
    """The JSON schema with its ``$defs`` references written out (OpenAPI has no ``$defs``)."""
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return _inline(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: _inline(v, defs) for k, v in schema.items() if k != "$defs"}
    if isinstance(schema, list):
        return [_inline(item, defs) for item in schema]
    return schema


def _document_schema() -> dict[str, Any]:
    schema = ApplicationDocument.model_json_schema()
    document = _inline(schema, schema.get("$defs", {}))
    return {"oneOf": [document, {"type": "array", "items": document, "maxItems": MAX_DOCUMENTS}]}


REQUEST_BODY: Final = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": _document_schema(), "example": EXAMPLE_APPLICATION}},
    }
}


@router.post(
    "/eligibility",
    url_name="eligibility",
    auth=None,
    throttle=[PerUserOrAddress(RATE)],
    response={200: VerdictOut | list[VerdictOut], 400: ErrorOut},
    summary="判定申报是否符合认定条件（不保存）",
    description=(
        "请求体为一个导入格式的申报对象，或由申报对象组成的数组（最多1000项）。应答与命令 "
        "`smartmfg eligibility --json` 的输出相同：单个对象得到一个判定，数组得到判定数组。"
        "任何一项数据无效时应答400，逐项列出字段路径和错误。`lang=en` 以英文给出说明；"
        "`call` 为申报批次ID时按该批次的参数判定，否则按细则默认参数。无需登录，按用户或地址限流。"
    ),
    openapi_extra=REQUEST_BODY,
)
def eligibility(request: HttpRequest, lang: str = "zh", call: int | None = None) -> Any:
    language = normalise_lang(lang)
    policy: Policy = DEFAULT_POLICY if call is None else get_call_for_user(request.user, call).get_policy()
    judged = judge_documents(request.body, SOURCE, policy, limit=MAX_DOCUMENTS)
    errors = [
        {"source": item.source, "path": error.path, "message": error.message.render(language)}
        for item in judged
        for error in item.errors
    ]
    if errors:
        raise ApiBadRequest(_("申报数据无效"), errors)
    verdicts = [item.to_dict(language) for item in judged]
    single = len(judged) == 1 and judged[0].source == SOURCE
    return verdicts[0] if single else verdicts
