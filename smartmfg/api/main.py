"""The platform's API, version 1, mounted at ``/api/v1/`` (see docs/api.md).

The OpenAPI document is ``/api/v1/openapi.json``; the interactive
documentation ``/api/v1/docs`` is Swagger UI from the static files django-ninja
ships (``ninja`` is an installed app): no CDN, and its settings travel in a
JSON data block read by a static script, so the site's CSP (scripts and
styles from the site itself only) holds; ``tests/e2e/test_api_docs.py`` checks
it in Chromium.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.parser import Parser
from ninja.renderers import JSONRenderer

from smartmfg.api import applications, eligibility, errors, public
from smartmfg.api.auth import AUTH

DESCRIPTION = (
    "吉林省数字化车间（生产线）、智能工厂和未来工厂培育认定平台的数据接口。"
    "条件判定接口和公开数据接口（/api/v1/public/...：公布的认定名单、证书核验）无需登录；"
    "申报与办理接口使用浏览器会话（写操作须带 X-CSRFToken）"
    "或接口令牌（Authorization: Bearer smf_…），权限与页面完全相同。说明见 docs/api.md。"
)


class Renderer(JSONRenderer):
    """JSON with Chinese written as itself, not as ``\\uXXXX`` escapes (the body is UTF-8)."""

    json_dumps_params = {"ensure_ascii": False}


class JsonOrForm(Parser):
    """JSON bodies, and plain form posts too (``reason=...``), as a page's form would send them."""

    FORMS = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        if request.content_type in self.FORMS:
            return request.POST.dict()
        return super().parse_body(request)


api = NinjaAPI(
    title="示范工厂（车间）培育认定平台 API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=AUTH,
    renderer=Renderer(),
    parser=JsonOrForm(),
)
errors.install(api)
api.add_router("", eligibility.router)
api.add_router("", applications.router)
api.add_router("", public.router)
