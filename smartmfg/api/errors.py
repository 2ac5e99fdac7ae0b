"""How the API answers what goes wrong: always JSON ``{"detail": ..., "errors": [...]}``, in Chinese.

401 not signed in (no session, no valid token); 403 refused, with the reason
the page shows on its disabled button; 404 not there or not visible to you
(the same answer for both, so ids cannot be probed); 409 the application's
state does not allow it or changed meanwhile; 400 invalid input, each
problem with its path; 413 too large; 429 too many requests.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as SchemaError

from smartmfg.workflow.transition import Conflict


class ApiConflict(Exception):
    """The application's state does not allow the step now (409)."""


class ApiBadRequest(Exception):
    """Invalid input (400): ``errors`` lists each problem."""

    def __init__(self, detail: str, errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []


_SCHEMA_MESSAGES = {
    "missing": "缺少必填项",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "string_type": "应为文本",
    "bool_parsing": "应为 true 或 false",
    "json_invalid": "不是有效的JSON",
    "model_attributes_type": "应为JSON对象",
    "dict_type": "应为JSON对象",
    "greater_than_equal": "取值过小",
    "less_than_equal": "取值过大",
    "literal_error": "不是允许的取值",
}


def install(api: NinjaAPI) -> None:
    def answer(request: HttpRequest, status: int, detail: str, errors: list[Any] | None = None) -> HttpResponse:
        return api.create_response(request, {"detail": detail, "errors": errors or []}, status=status)

    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return answer(request, 404, _("不存在，或您无权查看"))

    def denied(request: HttpRequest, exc: Exception) -> HttpResponse:
        return answer(request, 403, str(exc) or _("您无权办理此事项"))

    def conflict(request: HttpRequest, exc: Exception) -> HttpResponse:
        return answer(request, 409, str(exc))

    def bad_request(request: HttpRequest, exc: ApiBadRequest) -> HttpResponse:
        return answer(request, 400, exc.detail, exc.errors)

    def invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        errors = [
            {"path": field, "message": str(message)}
            for field, messages in getattr(exc, "message_dict", {"": exc.messages}).items()
            for message in messages
        ]
        return answer(request, 400, _("请求内容无效"), errors)

    def schema_error(request: HttpRequest, exc: SchemaError) -> HttpResponse:
        errors = []
        for error in exc.errors:
            loc = [str(part) for part in error.get("loc", ())]
            message = _SCHEMA_MESSAGES.get(error.get("type", ""), _("取值无效"))
            errors.append({"path": ".".join(loc), "message": message})
        return answer(request, 400, _("请求参数无效"), errors)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc, AuthenticationError):
            return answer(request, 401, _("请先登录，或在请求头 Authorization: Bearer 中提供接口令牌"))
        if isinstance(exc, Throttled):
            response = answer(request, 429, _("请求过于频繁，请稍后再试"))
            if exc.wait:
                response["Retry-After"] = str(int(exc.wait) + 1)
            return response
        if exc.status_code == 403 and "CSRF" in str(exc):
            return answer(request, 403, _("CSRF校验失败：浏览器会话写操作须在请求头 X-CSRFToken 中附上 csrftoken"))
        if exc.status_code == 400:
            return answer(request, 400, _("请求体不是有效的JSON"))
        return answer(request, exc.status_code, str(exc))

    def too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
        return answer(request, 413, _("请求内容过大"))

    api.add_exception_handler(Http404, not_found)  # type: ignore[arg-type]
    api.add_exception_handler(PermissionDenied, denied)  # type: ignore[arg-type]
    api.add_exception_handler(Conflict, conflict)  # type: ignore[arg-type]
    api.add_exception_handler(ApiConflict, conflict)  # type: ignore[arg-type]
    api.add_exception_handler(ApiBadRequest, bad_request)  # type: ignore[arg-type]
    api.add_exception_handler(DjangoValidationError, invalid)  # type: ignore[arg-type]
    api.add_exception_handler(SchemaError, schema_error)  # type: ignore[arg-type]
    api.add_exception_handler(HttpError, http_error)  # type: ignore[arg-type]
    api.add_exception_handler(RequestDataTooBig, too_big)  # type: ignore[arg-type]
