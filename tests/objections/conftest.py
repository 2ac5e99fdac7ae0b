"""Objections filed online (第十条): an open notice over both cast applications, and the public's path through
the real pages (the form, its challenge solved as a person would, check your answers, the receipt)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from smartmfg.demo.files import DEMO_PDF
from smartmfg.notices.models import Objection, PublicNotice
from tests.journeys import SHANGHAI, advance, start_notice

# The smallest PNG: a 1×1 image, told by its content.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
ANSWERS = {
    "objector_kind": "person",
    "name": "王某某",
    "phone": "13912345678",
    "email": "wang@example.com",
    "content": "该企业申报的设备购置发票与项目无关，设备实际安装在另一厂区。",
    "pledge": "on",
}
_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九")}


def at(day: dt.date, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    """A moment on the platform's clock (Asia/Shanghai)."""
    return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=SHANGHAI)


def pdf(name: str = "证据.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, DEMO_PDF, content_type="application/pdf")


def png(name: str = "照片.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def chinese(text: str) -> int:
    """二十三 → 23 (the challenge's numbers, 10 to 49)."""
    if "十" not in text:
        return _DIGITS[text]
    tens, _sep, ones = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def solve(html: str) -> dict[str, str]:
    """The challenge on a page, answered: its signed token and the sum its question asks."""
    token = re.search(r'name="challenge" value="([^"]+)"', html)
    question = re.search(r"验证题：(\w+)加(\w+)等于多少", html)
    assert token and question, "the page has no challenge"
    return {
        "challenge": token.group(1),
        "challenge_answer": str(chinese(question.group(1)) + chinese(question.group(2))),
    }


def form_url(notice: PublicNotice, application: Any) -> str:
    return reverse("objections:file", kwargs={"notice": notice.pk, "application": application.pk})


@pytest.fixture
def notice(cast) -> PublicNotice:
    """Both cast applications approved and on one notice starting today, still open."""
    approved = [advance(cast, a, "approved") for a in (cast.app_a, cast.app_b)]
    return start_notice(cast, cast.call, *approved, ended=False)


@dataclass
class Filing:
    """One trip through the public's pages, remembering where it went."""

    client: Any
    notice: PublicNotice
    application: Any

    @property
    def url(self) -> str:
        return form_url(self.notice, self.application)

    def form(self, **extra: Any) -> Any:
        page = self.client.get(self.url, **extra)
        assert page.status_code == 200, page.status_code
        return page

    def post(self, answers: dict[str, Any] | None = None, *, solved: bool = True, **extra: Any) -> Any:
        """The form posted (its challenge solved first, unless ``solved`` is False or a draft is given)."""
        data = dict(ANSWERS if answers is None else answers)
        if solved and "draft" not in data:
            data.update(solve(self.form(**extra).content.decode()))
        return self.client.post(self.url, data, **extra)

    def to_check(self, answers: dict[str, Any] | None = None, **extra: Any) -> str:
        """Through the form to the check page; its URL."""
        response = self.post(answers, **extra)
        assert response.status_code == 302, response.content.decode()
        return str(response["Location"])

    def file(self, answers: dict[str, Any] | None = None, **extra: Any) -> tuple[Objection, str]:
        """Filed all the way; the objection and the private link's token."""
        confirmed = self.client.post(self.to_check(answers, **extra), **extra)
        assert confirmed.status_code == 302, confirmed.content.decode()
        token = confirmed["Location"].rstrip("/").split("/")[-2]
        return Objection.objects.latest("id"), token


@pytest.fixture
def filing(client, notice, cast) -> Filing:
    """The public objecting to enterprise A's entry."""
    return Filing(client, notice, cast.app_a)
