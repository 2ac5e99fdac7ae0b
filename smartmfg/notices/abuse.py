"""Abuse control of the public objection form, without locking out the public (第十条).

Two things, both held in Django's cache (Redis when ``REDIS_URL`` is set, else a
file cache shared by the processes of one machine), so that every server
process sees the same counts:

- **Rate limits**: so many filings per network address per hour and per phone
  number per day (settings, with defaults), counted in fixed windows. Refused
  requests are told when to try again; nothing else is held against them.
- **A challenge** that needs no outside service and no script: a sum written
  in Chinese numerals. Its answer travels in the form as an HMAC, inside a
  value signed with a timestamp (``django.core.signing``), so the page cannot
  be read for it; it expires, and it is single-use (its nonce is spent in the
  cache on the first try, right or wrong). Wrong answers are counted per
  address, so guessing is no way round it.

Addresses and phone numbers are keyed by an HMAC, never stored in the cache as
they are.
"""

from __future__ import annotations

import contextlib
import logging
import math
import secrets
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)
T = TypeVar("T")
_SALT = "smartmfg.notices.abuse"
HOUR = 3600
DAY = 24 * HOUR


def setting(name: str, default: int) -> int:
    """An integer setting of the objection form (``OBJECTION_*``), or its default."""
    return int(getattr(settings, name, default))


def draft_hours() -> int:
    """How long an unconfirmed draft of the form is kept (``OBJECTION_DRAFT_HOURS``, 24 by default)."""
    return setting("OBJECTION_DRAFT_HOURS", 24)


# ------------------------------------------------------------------ rate limits


@dataclass(frozen=True)
class Limit:
    """At most ``count`` filings per ``window`` seconds for one key (an address, a phone number)."""

    name: str
    count: int
    window: int

    def _key(self, value: str, now: float) -> tuple[str, int]:
        bucket = int(now // self.window)
        digest = salted_hmac(_SALT, f"{self.name}:{value}").hexdigest()[:32]
        # Seconds left in the window, so the counter vanishes with it on every cache backend.
        left = int(self.window - now % self.window) + 1
        return f"objections:rate:{self.name}:{digest}:{bucket}", left

    def reached(self, value: str) -> bool:
        """Whether ``value`` has used up its filings in the current window (counts nothing)."""
        key, _left = self._key(value, time.time())
        return _safely(lambda: int(cache.get(key, 0)) >= self.count, False)

    def take(self, value: str) -> bool:
        """Count one filing for ``value``; False (and nothing counted) when the window's filings are used up."""
        key, left = self._key(value, time.time())
        return _safely(lambda: self._take(key, left), True)

    def _take(self, key: str, left: int) -> bool:
        cache.add(key, 0, timeout=left)
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add and incr: a new window has just begun
            cache.add(key, 1, timeout=left)
            used = 1
        # incr keeps the expiry on Redis and in memory, not in the file cache: set it again everywhere.
        cache.touch(key, timeout=left)
        if used > self.count:
            cache.decr(key)
            return False
        return True

    def give_back(self, value: str) -> None:
        """Undo ``take`` for a filing that did not happen after all."""
        key, _left = self._key(value, time.time())
        _safely(lambda: _decr(key), None)


def _decr(key: str) -> None:
    with contextlib.suppress(ValueError):  # the window ended meanwhile: nothing left to give back
        cache.decr(key)


def _safely(call: Callable[[], T], fallback: T) -> T:
    """A cache operation; when the cache itself fails, ``fallback``: the public is never locked out by an
    outage of the cache, and never shown a 500 for it (the outage is logged)."""
    try:
        return call()
    except Exception:
        log.exception("the cache failed; the objection form goes on without it")
        return fallback


def per_address() -> Limit:
    return Limit(
        "address",
        setting("OBJECTION_RATE_PER_ADDRESS", 5),
        setting("OBJECTION_RATE_ADDRESS_WINDOW", HOUR),
    )


def per_phone() -> Limit:
    return Limit("phone", setting("OBJECTION_RATE_PER_PHONE", 3), setting("OBJECTION_RATE_PHONE_WINDOW", DAY))


def drafts_per_address() -> Limit:
    """Forms started (a challenge solved): bounds what one address can store before confirming anything."""
    return Limit("draft", setting("OBJECTION_DRAFTS_PER_ADDRESS", 20), setting("OBJECTION_RATE_ADDRESS_WINDOW", HOUR))


def failures_per_address() -> Limit:
    return Limit(
        "challenge",
        setting("OBJECTION_CHALLENGE_FAILURES", 10),
        setting("OBJECTION_RATE_ADDRESS_WINDOW", HOUR),
    )


def wait_text(limit: Limit) -> str:
    """When to try again, in words: the window's length (the counts start afresh with the next window)."""
    if limit.window >= DAY:
        days = math.ceil(limit.window / DAY)
        return _("请明天再试") if days == 1 else _("请%(n)d天后再试") % {"n": days}
    hours = math.ceil(limit.window / HOUR)
    return _("请%(n)d小时后再试") % {"n": hours}


def address_refusal(limit: Limit, *, kept: bool = True) -> str:
    """Too many from one address; ``kept``: the answers and files are saved on the draft, and say so."""
    text = _("同一网络地址提交过于频繁（每%(window)s最多%(count)d次），%(wait)s。") % {
        "window": _window_text(limit),
        "count": limit.count,
        "wait": wait_text(limit),
    }
    return f"{text}{_('您填写的内容和上传的材料已保存，稍后可继续提交。')}" if kept else text


def phone_refusal(limit: Limit) -> str:
    return _(
        "该手机号码提交异议已达上限（每%(window)s最多%(count)d件），%(wait)s；"
        "同一项目的多项情况可以在一件异议中一并说明。您填写的内容和上传的材料已保存。"
    ) % {"window": _window_text(limit), "count": limit.count, "wait": wait_text(limit)}


def _window_text(limit: Limit) -> str:
    if limit.window % DAY == 0:
        days = limit.window // DAY
        return _("天") if days == 1 else _("%(n)d天") % {"n": days}
    hours = max(1, limit.window // HOUR)
    return _("小时") if hours == 1 else _("%(n)d小时") % {"n": hours}


# -------------------------------------------------------------------- challenge

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """0 to 99 in Chinese numerals, as a question would say them: 十六, 二十三, 四十."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else _DIGITS[tens]}十{_DIGITS[ones] if ones else ''}"


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str


class ChallengeFailed(Exception):
    """The answer was wrong, expired, reused or forged; the message says what to do."""


def _digest(nonce: str, answer: str) -> str:
    return salted_hmac(_SALT, f"challenge:{nonce}:{answer}").hexdigest()


def new_challenge() -> Challenge:
    """A sum of two numbers from 10 to 49, asked in Chinese; the answer is carried as an HMAC only."""
    a, b = 10 + secrets.randbelow(40), 10 + secrets.randbelow(40)
    nonce = secrets.token_urlsafe(12)
    token = signing.TimestampSigner(salt=_SALT).sign_object({"n": nonce, "d": _digest(nonce, str(a + b))})
    return Challenge(
        question=_("%(a)s加%(b)s等于多少？") % {"a": chinese_number(a), "b": chinese_number(b)},
        token=token,
    )


def normalise_answer(text: str) -> str:
    """Full-width digits and spaces as typed by a Chinese input method become plain digits."""
    return unicodedata.normalize("NFKC", text).strip()


def check_challenge(token: str, answer: str) -> None:
    """Accept the answer once, within ``OBJECTION_CHALLENGE_MAX_AGE`` seconds; raise ``ChallengeFailed`` otherwise.

    The nonce is spent before the answer is compared: a second try of the same
    question fails whatever it answers.
    """
    max_age = setting("OBJECTION_CHALLENGE_MAX_AGE", 2 * HOUR)
    try:
        payload = signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        raise ChallengeFailed(_("验证题已过期，请回答下方的新题目")) from None
    except signing.BadSignature:
        raise ChallengeFailed(_("验证题无效，请回答下方的新题目")) from None
    nonce, digest = str(payload.get("n", "")), str(payload.get("d", ""))
    if not _safely(lambda: cache.add(f"objections:challenge:{nonce}", 1, timeout=max_age + 60), True):
        raise ChallengeFailed(_("该验证题已使用过，请回答下方的新题目"))
    if not constant_time_compare(_digest(nonce, normalise_answer(answer)), digest):
        raise ChallengeFailed(_("验证题答案不正确，请重新计算下方的新题目"))
