"""The fixed cast of the tests, built through the real actions.

Two enterprises (one in 长春市南关区, one in 吉林市昌邑区), a 长春 reviewer and
a 吉林市 reviewer, a Department officer, an expert and a conflicted expert,
an administrator, and the anonymous visitor. ``cast.app_a`` and
``cast.app_b`` are submitted applications of the two enterprises in an open
call. Tests build anything else with ``tests.factories``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.test import override_settings

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application
from smartmfg.calls.models import Call
from smartmfg.demo.files import DEMO_PDF
from smartmfg.enterprises.models import Enterprise
from tests import factories

FAST = override_settings(
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    AXES_ENABLED=False,
    # One cache per test process, emptied before each test (``_cache``): no rate limit carries over.
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
)


def pytest_configure(config: pytest.Config) -> None:
    FAST.enable()
    # Playwright's sync API runs an event loop in the test thread; the ORM calls
    # the tests make around it are still plain synchronous calls.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _cache():
    cache.clear()


# Where the letter's PDF is what is tested: rendered for real there, a stand-in elsewhere.
REAL_LETTER_PDFS = ("tests/reviews/", "tests/e2e/")


@pytest.fixture(autouse=True)
def _letter_pdfs(request, monkeypatch):
    """Every application that reaches the Department travels in a bureau's letter, whose PDF takes seconds
    to set (font subsetting). Tests about the later stages get a stand-in PDF (still a valid PDF, still
    stored with the letter); ``tests/reviews`` and the browser journeys render the real one."""
    path = request.node.path.as_posix()
    if not any(f"/{folder}" in path for folder in REAL_LETTER_PDFS):
        monkeypatch.setattr("smartmfg.reviews.documents.render_pdf", lambda html: DEMO_PDF)


@dataclass
class Cast:
    ent_a: User
    ent_b: User
    changchun: User
    jilin: User
    dept: User
    expert: User
    conflicted_expert: User
    admin: User
    enterprise_a: Enterprise
    enterprise_b: Enterprise
    call: Call
    app_a: Application
    app_b: Application
    # time-machine's fixture: ``cast.clock.move_to(...)`` moves the platform's clock for the rest of the test.
    clock: Any

    def persona(self, name: str) -> User | None:
        return None if name == "anon" else getattr(self, name)


@pytest.fixture
def cast(db, time_machine) -> Cast:
    dept = factories.department_user("dept")
    enterprise_a = factories.enterprise("长春甲企业有限公司", "220102")
    enterprise_b = factories.enterprise("吉林乙企业有限公司", "220202")
    ent_a = factories.enterprise_user("ent_a", enterprise_a)
    ent_b = factories.enterprise_user("ent_b", enterprise_b)
    changchun = factories.bureau_user("changchun", "220100")
    jilin = factories.bureau_user("jilin", "220200")
    call = factories.open_call(dept)
    app_a = factories.submitted_application(call, ent_a, reviewer=changchun)
    app_b = factories.submitted_application(call, ent_b, reviewer=jilin)
    return Cast(
        ent_a=ent_a,
        ent_b=ent_b,
        changchun=changchun,
        jilin=jilin,
        dept=dept,
        expert=factories.expert_user("expert"),
        # works for enterprise A: conflicted with it by rule (same employer)
        conflicted_expert=factories.expert_user("expert2", enterprise_a.name, employer_uscc=enterprise_a.uscc),
        admin=factories.admin_user("admin"),
        enterprise_a=enterprise_a,
        enterprise_b=enterprise_b,
        call=call,
        app_a=app_a,
        app_b=app_b,
        clock=time_machine,
    )
