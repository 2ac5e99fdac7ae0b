"""Domain.md §8: the objector's identity and contact details are seen by the Department's staff only.

Never by the enterprise objected to, its bureau, an expert or the public; a
private link opens its own objection and nothing else.
"""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from smartmfg.access import can_see_objector, get_objection_file_for_user
from smartmfg.inbox.models import Message
from smartmfg.notices.actions import do_ask_enterprise, do_record_objection
from smartmfg.notices.models import Objection, ObjectionFile
from tests.journeys import today
from tests.objections.conftest import ANSWERS, pdf

PRIVATE = ("王某某", "13912345678", "wang@example.com", "设备实际安装在另一厂区", "证据.pdf")


@pytest.fixture
def filed(filing, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return filing.file({**ANSWERS, "evidence": [pdf()]})


@pytest.mark.parametrize("persona", ["ent_a", "changchun"])
def test_the_enterprise_and_its_bureau_read_the_history_without_the_objector(client, cast, filed, persona):
    client.force_login(getattr(cast, persona))
    page = client.get(reverse("applications:detail", args=[cast.app_a.pk])).content.decode()
    api = client.get(f"/api/v1/applications/{cast.app_a.pk}").content.decode()

    assert "收到异议" in page and "社会公众（网上提交）" in page
    for private in PRIVATE:
        assert private not in page, private
        assert private not in api, private


def test_the_enterprises_messages_and_mail_carry_nothing_of_the_objector(cast, filed, mailoutbox):
    for message in Message.objects.filter(recipient=cast.ent_a):
        for private in PRIVATE:
            assert private not in message.subject + message.body
    for mail in mailoutbox:
        if mail.to != ["wang@example.com"]:
            for private in PRIVATE:
                assert private not in mail.subject + mail.body


def test_the_department_sees_who_objected_and_their_evidence(client, cast, filed):
    objection, _token = filed
    client.force_login(cast.dept)
    page = client.get(reverse("notices:manage", args=[objection.notice_id])).content.decode()
    for private in PRIVATE:
        assert private in page
    item = objection.files.get()
    download = client.get(reverse("notices:objection_file", args=[item.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("persona", ["anon", "ent_a", "ent_b", "changchun", "expert", "admin"])
def test_nobody_else_downloads_the_evidence(client, cast, filed, persona):
    objection, _token = filed
    user = cast.persona(persona)
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("notices:objection_file", args=[objection.files.get().pk]))
    assert response.status_code == (302 if persona == "anon" else 403)
    assert not can_see_objector(user)


def test_a_drafts_files_are_nobodys_to_download(filing, cast):
    filing.to_check({**ANSWERS, "evidence": [pdf()]})
    item = ObjectionFile.objects.get()
    with pytest.raises(Http404):
        get_objection_file_for_user(cast.dept, item.pk)


def test_the_enterprises_page_of_a_question_never_shows_the_objection(client, cast, filed):
    objection, _token = filed
    question = do_ask_enterprise(objection, question="请说明设备的安装地点", actor=cast.dept)
    client.force_login(cast.ent_a)
    page = client.get(reverse("notices:answer_objection", args=[question.pk])).content.decode()
    assert "请说明设备的安装地点" in page
    for private in PRIVATE:
        assert private not in page


def test_a_private_link_opens_its_own_objection_only(filing, client):
    first, first_token = filing.file()
    second, second_token = filing.file({**ANSWERS, "name": "李某某", "phone": "13700000000"})

    page = client.get(reverse("objections:status", kwargs={"token": first_token})).content.decode()
    assert first.receipt_number in page and "王某某" in page
    assert second.receipt_number not in page and "李某某" not in page
    other = client.get(reverse("objections:status", kwargs={"token": second_token})).content.decode()
    assert second.receipt_number in other and "王某某" not in other


@pytest.mark.parametrize("token", ["x", "a" * 43, "a" * 44, "../../etc/passwd"])
def test_any_other_token_is_404(client, filing, token):
    filing.file()
    assert client.get(f"/objections/{token}/").status_code == 404
    assert client.get(f"/objections/{token}/receipt/").status_code == 404


def test_an_objection_entered_from_a_letter_has_no_private_link(client, cast, notice):
    letter = do_record_objection(
        notice, cast.app_a, received_on=today(), objector="", objector_contact="", content="来信", actor=cast.dept
    )
    assert letter.token_hash == ""
    assert Objection.objects.filter(token_hash="").count() == 1
    assert client.get("/objections/" + "A" * 43 + "/").status_code == 404
