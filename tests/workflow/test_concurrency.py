"""Two people acting on the same application at once: exactly one step is taken.

Real concurrent requests against a live server on PostgreSQL (row locks are
what is tested; SQLite serialises every writer anyway).
"""

from __future__ import annotations

import os
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.test import Client

from smartmfg.applications.models import ApplicationEvent
from tests import factories

pytestmark = [
    pytest.mark.postgres,
    # Decided before the database is touched: a transactional test empties the tables when it ends.
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="row locks are tested on PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class Tab:
    """One browser tab: its own session, cookies kept by hand."""

    def __init__(self, user) -> None:
        client = Client()
        client.force_login(user)
        self.cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}

    def open(self, url: str, data: dict[str, str] | None = None) -> str:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        header = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        request = urllib.request.Request(url, data=body, headers={"Cookie": header, "Referer": url})
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            response = opener.open(request)
        except urllib.error.HTTPError as redirect:
            if redirect.code != 302:
                raise
            self._keep(redirect.headers)
            return self.open(urllib.parse.urljoin(url, redirect.headers["Location"]))
        self._keep(response.headers)
        return response.read().decode()

    def _keep(self, headers) -> None:
        for raw in headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(raw).items():
                self.cookies[name] = morsel.value


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_double_click_takes_one_step_and_tells_the_other(live_server) -> None:
    dept = factories.department_user("dept-c")
    call = factories.open_call(dept)
    user = factories.enterprise_user("ent-c", factories.enterprise("并发企业", "220102"))
    application = factories.submitted_application(call, user)
    detail = f"{live_server.url}/applications/{application.pk}/"
    tabs = [Tab(user), Tab(user)]  # two tabs of the same user, both showing the page
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', tab.open(detail)).group(1) for tab in tabs]
    barrier = threading.Barrier(2)
    pages: list[str] = []

    def click(tab: Tab, token: str) -> None:
        barrier.wait()
        form = {"csrfmiddlewaretoken": token, "seen": "submitted", "reason": ""}
        pages.append(tab.open(f"{detail}steps/withdraw/", form))

    threads = [threading.Thread(target=click, args=pair) for pair in zip(tabs, tokens, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert ApplicationEvent.objects.filter(application=application, action="withdraw").count() == 1
    assert sum("已办理：撤回申报" in page for page in pages) == 1
    assert sum("刚刚已由他人办理" in page for page in pages) == 1
