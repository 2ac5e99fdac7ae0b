"""Middleware of the platform."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


def chinese_first(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """Serve Simplified Chinese unless the user chose otherwise.

    Officers' browsers are often set to English; the platform's language is
    Chinese all the same. A user who picks English in the language menu gets
    it (Django keeps that choice in a cookie); the browser's header alone
    does not switch.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return get_response(request)

    return middleware
