"""Abuse control of the public form without locking out the public: the challenge, the rate limits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import signing
from django.utils import timezone

from smartmfg.notices import abuse
from smartmfg.notices.models import Objection, ObjectionDraft
from tests.objections.conftest import ANSWERS, chinese, solve

OTHER = {"REMOTE_ADDR": "203.0.113.9"}


# -------------------------------------------------------------------- challenge


@pytest.mark.parametrize(
    ("n", "text"), [(10, "十"), (16, "十六"), (23, "二十三"), (40, "四十"), (49, "四十九"), (7, "七")]
)
def test_numbers_are_asked_in_chinese(n, text):
    assert abuse.chinese_number(n) == text
    assert chinese(text) == n


def test_a_challenge_carries_no_readable_answer():
    challenge = abuse.new_challenge()
    payload = signing.TimestampSigner(salt="smartmfg.notices.abuse").unsign_object(challenge.token)
    assert set(payload) == {"n", "d"} and len(payload["d"]) == 40  # a nonce and an HMAC, no sum


def test_a_wrong_answer_stores_nothing_and_asks_a_new_question(filing):
    page = filing.form().content.decode()
    solved = solve(page)
    wrong = {**ANSWERS, **solved, "challenge_answer": str(int(solved["challenge_answer"]) + 1)}

    response = filing.client.post(filing.url, wrong)

    assert response.status_code == 400
    html = response.content.decode()
    assert "验证题答案不正确" in html
    assert solve(html)["challenge"] != solved["challenge"]  # a new question
    assert 'value="王某某"' in html  # what was typed stays on the page
    assert not ObjectionDraft.objects.exists()


def test_full_width_digits_are_accepted(filing):
    solved = solve(filing.form().content.decode())
    wide = "".join(chr(ord(c) + 0xFEE0) for c in solved["challenge_answer"])
    response = filing.client.post(filing.url, {**ANSWERS, **solved, "challenge_answer": f" {wide} "})
    assert response.status_code == 302


def test_a_challenge_is_single_use(filing):
    solved = solve(filing.form().content.decode())
    assert filing.client.post(filing.url, {**ANSWERS, **solved}).status_code == 302
    again = filing.client.post(filing.url, {**ANSWERS, **solved})
    assert again.status_code == 400
    assert "该验证题已使用过" in again.content.decode()
    assert ObjectionDraft.objects.count() == 1


def test_a_challenge_expires(filing, cast, settings):
    settings.OBJECTION_CHALLENGE_MAX_AGE = 600
    solved = solve(filing.form().content.decode())
    cast.clock.move_to(timezone.now() + dt.timedelta(minutes=11), tick=False)
    response = filing.client.post(filing.url, {**ANSWERS, **solved})
    assert response.status_code == 400
    assert "验证题已过期" in response.content.decode()


def test_a_forged_challenge_is_refused(filing):
    forged = {"challenge": "forged:token", "challenge_answer": "42"}
    response = filing.client.post(filing.url, {**ANSWERS, **forged})
    assert response.status_code == 400 and "验证题无效" in response.content.decode()
    no_challenge = filing.client.post(filing.url, ANSWERS)
    assert no_challenge.status_code == 400 and "验证题无效" in no_challenge.content.decode()


def test_guessing_the_challenge_is_stopped_per_address(filing, settings):
    settings.OBJECTION_CHALLENGE_FAILURES = 3
    for _attempt in range(3):
        solved = solve(filing.form().content.decode())
        filing.client.post(filing.url, {**ANSWERS, **solved, "challenge_answer": "0"})

    solved = solve(filing.form().content.decode())
    response = filing.client.post(filing.url, {**ANSWERS, **solved})  # even a right answer now

    assert response.status_code == 429
    assert "请1小时后再试" in response.content.decode()
    assert filing.post(**OTHER).status_code == 302  # another address is not locked out


# ------------------------------------------------------------------ rate limits


def test_filings_per_address_are_limited_and_the_draft_waits(filing, cast, settings):
    settings.OBJECTION_RATE_PER_ADDRESS = 2
    filing.file()
    filing.file({**ANSWERS, "phone": "13700000001"})

    response = filing.post({**ANSWERS, "phone": "13700000002"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "同一网络地址提交过于频繁（每小时最多2次），请1小时后再试" in html
    assert "您填写的内容和上传的材料已保存" in html
    assert ObjectionDraft.objects.filter(filed__isnull=True).count() == 1

    assert filing.file({**ANSWERS, "phone": "13700000003"}, **OTHER)  # another address files
    cast.clock.move_to(timezone.now() + dt.timedelta(hours=1), tick=False)
    filing.file({**ANSWERS, "phone": "13700000004"})  # the next hour
    assert Objection.objects.count() == 4


def test_the_limit_holds_at_the_confirmation(filing, settings):
    """Two check pages opened at once: the second confirmation is refused, its draft kept."""
    settings.OBJECTION_RATE_PER_ADDRESS = 1
    first = filing.to_check()
    second = filing.to_check({**ANSWERS, "phone": "13700000001"})
    assert filing.client.post(first).status_code == 302
    refused = filing.client.post(second)
    assert refused.status_code == 429
    assert "每小时最多1次" in refused.content.decode()
    assert Objection.objects.count() == 1
    assert ObjectionDraft.objects.filter(filed__isnull=True).count() == 1


def test_filings_per_phone_are_limited_whatever_the_address(filing, settings):
    settings.OBJECTION_RATE_PER_PHONE = 2
    filing.file(**{"REMOTE_ADDR": "198.51.100.1"})
    filing.file(**{"REMOTE_ADDR": "198.51.100.2"})

    response = filing.post(**{"REMOTE_ADDR": "198.51.100.3"})

    assert response.status_code == 429
    html = response.content.decode()
    assert "该手机号码提交异议已达上限（每天最多2件），请明天再试" in html
    assert filing.file({**ANSWERS, "phone": "13600000000"}, **{"REMOTE_ADDR": "198.51.100.3"})


def test_a_refused_confirmation_counts_nothing(filing, settings):
    settings.OBJECTION_RATE_PER_PHONE = 1
    settings.OBJECTION_RATE_PER_ADDRESS = 2
    first, second = filing.to_check(), filing.to_check()  # two pages for the same phone
    assert filing.client.post(first).status_code == 302
    assert filing.client.post(second).status_code == 429  # the phone's limit
    # The address's count was given back: another phone from the same address still files (2 of 2).
    filing.file({**ANSWERS, "phone": "13600000000"})
    assert Objection.objects.count() == 2


def test_drafts_per_address_are_bounded(filing, settings):
    settings.OBJECTION_DRAFTS_PER_ADDRESS = 2
    filing.to_check()
    filing.to_check()
    response = filing.post()
    assert response.status_code == 429
    assert ObjectionDraft.objects.count() == 2


def test_a_limit_counts_in_windows_and_gives_back():
    limit = abuse.Limit("test", 2, 60)
    assert limit.take("x") and limit.take("x")
    assert limit.reached("x") and not limit.take("x")
    limit.give_back("x")
    assert limit.take("x")
    assert not limit.reached("y")


def test_refusals_say_when_to_try_again():
    assert "请1小时后再试" in abuse.address_refusal(abuse.Limit("a", 5, 3600))
    assert "请明天再试" in abuse.phone_refusal(abuse.Limit("p", 3, 86400))
    assert "请2天后再试" in abuse.phone_refusal(abuse.Limit("p", 3, 2 * 86400))


def test_an_outage_of_the_cache_locks_nobody_out(filing, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    for method in ("get", "add", "incr", "decr", "touch"):
        monkeypatch.setattr(abuse.cache, method, down)
    objection, _token = filing.file()
    assert objection.receipt_number
