"""``/api/v1/public/...``: the published lists and certificate verification, for anyone (第十条).

No account: what these answer is public already (the results page, the
open-data downloads, the verification page), built from the same rows
(``certificates.published``). Abuse is bounded by rate (``RATE`` per
address) and the answers are kept ``CACHE_SECONDS`` in Django's cache, under
a version that every publication, revocation, conversion and drop of a
cultivation project changes, so a cached answer never hides a revocation.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict
from typing import Any, Final

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from smartmfg.access import get_certificate_for_verification, get_publication_for_user, visible_publications
from smartmfg.api.auth import PerUserOrAddress
from smartmfg.api.errors import ApiBadRequest
from smartmfg.api.schemas import ErrorOut, PublicEntryPage, PublicPublicationPage, VerificationOut
from smartmfg.certificates.numbers import normalise
from smartmfg.certificates.published import CACHE_SECONDS, cache_version, published_rows, verification
from smartmfg.notices.models import Publication
from smartmfg.rules.text import normalise_lang

MAX_PAGE_SIZE: Final = 100
RATE: Final = "120/min"

router = Router(tags=["公开数据"], auth=None, throttle=[PerUserOrAddress(RATE)])


def _paging(page: int, page_size: int) -> None:
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ApiBadRequest(
            _("请求参数无效"),
            [{"path": "page" if page < 1 else "page_size", "message": _("page 从1开始，page_size 为1至100")}],
        )


def _cached(key: str, lang: str, response: HttpResponse, build: Callable[[], Any]) -> Any:
    """``build()`` in the request's language, kept a short while under the public data's current version."""
    language = normalise_lang(lang)
    full_key = f"public-api:{cache_version()}:{language}:{key}"
    answer = cache.get(full_key)
    if answer is None:
        with translation.override("en" if language == "en" else "zh-hans"):
            answer = build()
        cache.set(full_key, answer, CACHE_SECONDS)
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["Access-Control-Allow-Origin"] = "*"
    return answer


def _publication(publication: Publication, count: int) -> dict[str, Any]:
    pk = publication.pk
    return {
        "id": pk,
        "document_number": publication.document_number,
        "title": publication.title,
        "published_on": publication.published_on,
        "year": publication.call.year,
        "entry_count": count,
        "url": f"{reverse('public:results')}#publication-{pk}",
        "entries_url": reverse("api:public_publication_entries", args=[pk]),
        "downloads": {
            "csv": reverse("opendata:publication_csv", args=[pk]),
            "xlsx": reverse("opendata:publication_xlsx", args=[pk]),
            "json": reverse("opendata:publication_json", args=[pk]),
            "dictionary": reverse("opendata:dictionary"),
        },
    }


def _page(rows: list[Any], page: int, page_size: int) -> dict[str, Any]:
    start = (page - 1) * page_size
    return {
        "count": len(rows),
        "page": page,
        "page_size": page_size,
        "pages": max(1, math.ceil(len(rows) / page_size)),
        "items": rows[start : start + page_size],
    }


@router.get(
    "/public/publications",
    url_name="public_publication_list",
    response={200: PublicPublicationPage, 400: ErrorOut, 429: ErrorOut},
    summary="公布的认定名单（无需登录）",
    description="省工信厅发文公布的各份认定名单，新的在前，分页（page 从1开始，page_size 1至100，默认25）；"
    "`year` 按申报批次年度筛选。每份名单给出其各行的接口地址和开放数据下载地址。无需登录，按地址限流，"
    "应答缓存不超过60秒（公布、撤销等变化后立即更新）。",
)
def publication_list(
    request: HttpRequest,
    response: HttpResponse,
    year: int | None = None,
    page: int = 1,
    page_size: int = 25,
    lang: str = "zh",
) -> Any:
    _paging(page, page_size)

    def build() -> dict[str, Any]:
        publications: QuerySet[Publication] = visible_publications(request.user).select_related("call")
        if year is not None:
            publications = publications.filter(call__year=year)
        rows = [_publication(p, len(p.entries)) for p in publications.order_by("-published_on", "-id")]
        return _page(rows, page, page_size)

    return _cached(f"publications:{year}:{page}:{page_size}", lang, response, build)


@router.get(
    "/public/publications/{publication_id}/entries",
    url_name="public_publication_entries",
    response={200: PublicEntryPage, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    summary="一份公布名单的各行：认定编号和当前状态（无需登录）",
    description="公布时的名单，按名单顺序分页；每行带认定编号和当前状态（valid 有效、cultivation 培育中、"
    "revoked 已撤销认定及撤销日期、cultivation_dropped 培育未通过）。撤销后该行仍在名单中。"
    "各字段的含义见数据字典 `/results/dictionary/`。",
)
def publication_entries(
    request: HttpRequest,
    response: HttpResponse,
    publication_id: int,
    page: int = 1,
    page_size: int = 100,
    lang: str = "zh",
) -> Any:
    _paging(page, page_size)
    publication = get_publication_for_user(request.user, publication_id)

    def build() -> dict[str, Any]:
        rows = published_rows([publication])[publication.pk]
        return {
            "publication": _publication(publication, len(rows)),
            "status_as_of": timezone.localtime(),
            **_page(rows, page, page_size),
        }

    return _cached(f"entries:{publication.pk}:{page}:{page_size}", lang, response, build)


@router.get(
    "/public/certificates/{number}",
    url_name="public_certificate",
    response={200: VerificationOut, 404: ErrorOut, 429: ErrorOut},
    summary="核验认定证书（无需登录）",
    description="按认定编号（如 吉数车-2026-0001，路径中按 URL 编码）查询证书：企业名称、类别、项目名称、"
    "公布日期和当前状态，此外不提供任何信息。编号不存在时应答404。",
)
def certificate(request: HttpRequest, response: HttpResponse, number: str, lang: str = "zh") -> Any:
    wanted = normalise(number)

    def build() -> dict[str, Any]:
        facts = verification(get_certificate_for_verification(request.user, wanted))
        return {**asdict(facts), "url": reverse("opendata:verify", args=[facts.number])}

    try:
        return _cached(f"certificate:{wanted}", lang, response, build)
    except Http404:  # an unknown number: said in words, and nothing kept in the cache
        raise HttpError(404, _("没有编号为“%(number)s”的认定证书") % {"number": wanted}) from None
