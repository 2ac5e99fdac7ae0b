"""Real-browser tests: Debian's Chromium driven by Playwright against a live server.

Never a downloaded browser: ``/usr/bin/chromium`` (or ``SMARTMFG_CHROMIUM``).
Without it the tests are skipped, unless ``SMARTMFG_E2E_REQUIRED=true`` (CI),
where a missing browser is a failure. Screenshots of each step go to
``SMARTMFG_SCREENSHOTS`` (default ``artifacts/screenshots``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("SMARTMFG_CHROMIUM", "/usr/bin/chromium"))
SHOTS = Path(os.environ.get("SMARTMFG_SCREENSHOTS", "artifacts/screenshots"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Each test module here declares ``pytestmark = E2E``: the marks must be on the module
# itself so pytest-django sees these tests as transactional when it orders the run
# (transactional tests last: they empty the database when they finish).
E2E = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("SMARTMFG_E2E_REQUIRED") == "true":
            pytest.fail(f"end-to-end tests are required but {CHROMIUM} is missing (apt install chromium)")
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium to run the end-to-end tests")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API switches the test thread into a new context, in which
    # Django opens new connection wrappers. Hand them the database contents serialised
    # when the test database was created, or serialized_rollback has nothing to restore.
    saved = {c.alias: c._test_serialized_contents for c in connections.all() if hasattr(c, "_test_serialized_contents")}
    with sync_playwright() as playwright:
        for alias, contents in saved.items():
            connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Journey:
    """A browser page with a name, that signs in, clicks and keeps a screenshot of each step."""

    def __init__(self, browser: object, base_url: str, name: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.base_url = base_url
        self.folder = SHOTS / name
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def go(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def sign_in(self, username: str, password: str) -> None:
        self.page.context.clear_cookies()
        self.go("/accounts/login/")
        self.page.get_by_label("用户名").fill(username)
        self.page.get_by_label("密码").fill(password)
        self.page.get_by_role("button", name="登录").click()
        self.page.wait_for_load_state()

    def shot(self, label: str) -> Path:
        self.count += 1
        slug = re.sub(r"[^\w-]+", "-", label)
        path = self.folder / f"{self.count:02d}-{slug}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def journey(browser, live_server, request) -> Iterator[Journey]:
    trip = Journey(browser, live_server.url, request.node.name)
    yield trip
    trip.close()
