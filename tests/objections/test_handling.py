"""第十条: the Department handles each objection: asks the enterprise, decides with reasons, replies to the
objector; objections received by letter, phone or visit are entered with their channel."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from smartmfg.applications.models import ApplicationEvent
from smartmfg.inbox.models import Message
from smartmfg.notices.actions import (
    do_answer_objection,
    do_ask_enterprise,
    do_decide_objection,
    do_record_objection,
    do_reply_objector,
)
from smartmfg.notices.models import Objection, ObjectionQuestion
from smartmfg.workflow.guards import has_open_objection, objection_awaiting_reply, objection_question_pending
from tests.journeys import end_notice, today
from tests.objections.conftest import ANSWERS, pdf


@pytest.fixture
def online(filing, django_capture_on_commit_callbacks) -> tuple[Objection, str]:
    with django_capture_on_commit_callbacks(execute=True):
        return filing.file()


def actions_of(application) -> list[str]:
    return list(ApplicationEvent.objects.filter(application=application).values_list("action", flat=True))


# ---------------------------------------------------------- entered by staff


@pytest.mark.parametrize("channel", ["letter", "phone", "visit"])
def test_the_department_enters_an_objection_with_its_channel(cast, notice, channel):
    objection = do_record_objection(
        notice,
        cast.app_a,
        received_on=today(),
        objector="某公司",
        objector_contact="0431-12345678",
        content="来信反映投资不实",
        channel=channel,
        files=[pdf("来信扫描.pdf")],
        actor=cast.dept,
    )
    assert (objection.channel, objection.recorded_by) == (channel, cast.dept)
    assert objection.files.get().original_name == "来信扫描.pdf"
    event = ApplicationEvent.objects.get(application=cast.app_a, action="receive_objection")
    assert (event.actor, event.role, event.reason) == (cast.dept, "department", "")
    assert event.data["channel"] == channel


def test_online_is_not_a_channel_the_department_enters(cast, notice):
    with pytest.raises(ValidationError) as refused:
        do_record_objection(
            notice,
            cast.app_a,
            received_on=today(),
            objector="",
            objector_contact="",
            content="x",
            channel="online",
            actor=cast.dept,
        )
    assert "channel" in refused.value.message_dict


def test_the_department_page_enters_a_letter_with_its_scan(client, cast, notice):
    client.force_login(cast.dept)
    response = client.post(
        reverse("notices:add_objection", args=[notice.pk]),
        {
            "application": cast.app_b.pk,
            "channel": "phone",
            "received_on": today().isoformat(),
            "content": "来电反映",
            "documents": [pdf()],
        },
    )
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert (objection.channel, objection.files.count()) == ("phone", 1)
    page = client.get(reverse("notices:manage", args=[notice.pk])).content.decode()
    assert objection.receipt_number in page and "来电" in page


# ------------------------------------------------------ asking the enterprise


def test_the_enterprise_is_asked_and_answers_once_with_files(client, cast, online, django_capture_on_commit_callbacks):
    objection, _token = online
    with django_capture_on_commit_callbacks(execute=True):
        question = do_ask_enterprise(objection, question="请说明设备的安装地点，并附照片", actor=cast.dept)

    asked = ApplicationEvent.objects.get(application=cast.app_a, action="ask_enterprise")
    assert asked.reason == "请说明设备的安装地点，并附照片" and asked.to_status == "in_notice"
    told = Message.objects.get(recipient=cast.ent_a, event="ask_enterprise")
    assert "请说明设备的安装地点" in told.body
    client.force_login(cast.ent_a)
    detail = client.get(reverse("applications:detail", args=[cast.app_a.pk])).content.decode()
    assert reverse("notices:answer_objection", args=[question.pk]) in detail  # the enterprise's panel

    url = reverse("notices:answer_objection", args=[question.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(url, {"reason": "设备安装在本厂二号车间，见照片。", "documents": [pdf("照片.pdf")]})
    assert answered.status_code == 302

    question.refresh_from_db()
    assert question.answer == "设备安装在本厂二号车间，见照片。" and question.answered_by == cast.ent_a
    event = ApplicationEvent.objects.get(application=cast.app_a, action="answer_objection")
    assert (event.role, event.reason, question.answer_event) == ("enterprise", question.answer, event)
    assert event.attachments.get().original_name == "照片.pdf"
    assert Message.objects.filter(recipient=cast.dept, event="answer_objection").exists()
    again = client.post(url, {"reason": "再说明"})
    assert again.status_code == 302 and ObjectionQuestion.objects.get().answer == question.answer
    with pytest.raises(PermissionDenied, match="已经说明"):
        do_answer_objection(question, statement="再说明", actor=cast.ent_a)
    client.force_login(cast.dept)
    manage = client.get(reverse("notices:manage", args=[objection.notice_id])).content.decode()
    assert "设备安装在本厂二号车间" in manage and "照片.pdf" in manage


def test_another_enterprise_cannot_answer(client, cast, online):
    objection, _token = online
    question = do_ask_enterprise(objection, question="请说明", actor=cast.dept)
    with pytest.raises(PermissionDenied, match="只有被异议的申报企业"):
        do_answer_objection(question, statement="不是我们", actor=cast.ent_b)
    client.force_login(cast.ent_b)
    assert client.post(reverse("notices:answer_objection", args=[question.pk]), {"reason": "x"}).status_code == 404
    client.force_login(cast.changchun)
    assert client.get(reverse("notices:answer_objection", args=[question.pk])).status_code == 403
    assert not ObjectionQuestion.objects.get().is_answered


def test_one_question_waits_at_a_time_and_only_on_an_open_objection(cast, online):
    objection, _token = online
    do_ask_enterprise(objection, question="第一个问题", actor=cast.dept)
    with pytest.raises(ValidationError, match="尚未说明上一个问题"):
        do_ask_enterprise(objection, question="第二个问题", actor=cast.dept)
    do_decide_objection(objection, upheld=False, outcome="缺乏依据", actor=cast.dept)
    with pytest.raises(ValidationError, match="该异议已处理"):
        do_ask_enterprise(objection, question="第三个问题", actor=cast.dept)
    with pytest.raises(PermissionDenied, match="该异议已处理"):
        do_answer_objection(ObjectionQuestion.objects.get(), statement="迟到的说明", actor=cast.ent_a)
    with pytest.raises(PermissionDenied):
        do_ask_enterprise(objection, question="x", actor=cast.changchun)


# -------------------------------------------------------- decision and reply


def test_a_dismissed_objection_is_replied_to_and_the_objector_reads_it(
    client, cast, online, django_capture_on_commit_callbacks, mailoutbox
):
    objection, token = online
    client.force_login(cast.dept)
    prefix = f"o{objection.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("notices:decide_objection", args=[objection.pk]),
            {
                f"{prefix}-decision": "dismissed",
                f"{prefix}-outcome": "经核实，设备安装在本厂",
                f"{prefix}-reply": "经核实，您反映的设备安装在本厂二号车间，异议不成立。感谢监督。",
            },
        )
    assert response.status_code == 302

    objection.refresh_from_db()
    assert (objection.status, objection.replied_by) == ("dismissed", cast.dept)
    cast.app_a.refresh_from_db()
    assert cast.app_a.status == "in_notice"
    assert actions_of(cast.app_a)[-2:] == ["dismiss_objection", "reply_objector"]
    reply_event = ApplicationEvent.objects.get(application=cast.app_a, action="reply_objector")
    assert reply_event.reason == ""  # the reply is the objector's
    client.logout()
    status = client.get(reverse("objections:status", kwargs={"token": token})).content.decode()
    assert "异议不成立" in status and "设备安装在本厂二号车间，异议不成立" in status
    assert "经核实，设备安装在本厂</" not in status  # the internal reasons stay on the history
    (mail,) = [m for m in mailoutbox if "已有答复" in m.subject]
    assert mail.to == ["wang@example.com"] and "二号车间" in mail.body
    client.force_login(cast.ent_a)
    history = client.get(reverse("applications:detail", args=[cast.app_a.pk])).content.decode()
    assert "答复异议人" in history and "感谢监督" not in history


def test_an_upheld_objection_takes_the_entry_off_before_publication(client, cast, online):
    objection, token = online
    do_decide_objection(objection, upheld=True, outcome="经核实属实", actor=cast.dept)
    do_reply_objector(objection, reply="您反映的情况属实，该项目已移出公示名单。", actor=cast.dept)

    cast.app_a.refresh_from_db()
    assert cast.app_a.status == "objection_upheld"
    end_notice(cast, objection.notice)
    cast.app_b.refresh_from_db()
    assert cast.app_b.status == "notice_passed"
    status = client.get(reverse("objections:status", kwargs={"token": token})).content.decode()
    assert "异议成立" in status and "已移出公示名单" in status


def test_the_reply_comes_after_the_decision_and_once(cast, online, client):
    objection, _token = online
    with pytest.raises(ValidationError, match="请先处理异议"):
        do_reply_objector(objection, reply="稍后答复", actor=cast.dept)
    do_decide_objection(objection, upheld=False, outcome="缺乏依据", actor=cast.dept)
    with pytest.raises(ValidationError) as blank:
        do_reply_objector(objection, reply=" ", actor=cast.dept)
    assert "reply" in blank.value.message_dict
    do_reply_objector(objection, reply="异议不成立", actor=cast.dept)
    with pytest.raises(ValidationError, match="答复不能修改"):
        do_reply_objector(objection, reply="改一下", actor=cast.dept)
    with pytest.raises(PermissionDenied):
        do_reply_objector(objection, reply="x", actor=cast.ent_a)
    client.force_login(cast.dept)
    refused = client.post(reverse("notices:reply_objector", args=[objection.pk]), {f"r{objection.pk}-reply": "再答"})
    assert refused.status_code == 400
    assert Objection.objects.get().reply == "异议不成立"


def test_a_reply_after_the_notice_ended(cast, online):
    objection, _token = online
    do_decide_objection(objection, upheld=False, outcome="缺乏依据", actor=cast.dept)
    end_notice(cast, objection.notice)
    do_reply_objector(objection, reply="异议不成立", actor=cast.dept)
    assert ApplicationEvent.objects.get(action="reply_objector").from_status == "notice_passed"


def test_the_department_pages_ask_and_reply(client, cast, online):
    objection, _token = online
    client.force_login(cast.dept)
    manage = reverse("notices:manage", args=[objection.notice_id])
    assert client.get(manage).status_code == 200
    empty = client.post(reverse("notices:ask_enterprise", args=[objection.pk]), {})
    assert empty.status_code == 400 and "请企业说明的问题" in empty.content.decode()
    asked = client.post(reverse("notices:ask_enterprise", args=[objection.pk]), {f"q{objection.pk}-question": "请说明"})
    assert asked.status_code == 302 and ObjectionQuestion.objects.count() == 1
    assert "等待企业答复" in client.get(manage).content.decode()
    assert client.get(reverse("notices:ask_enterprise", args=[objection.pk])).status_code == 405
    assert client.get(reverse("notices:reply_objector", args=[objection.pk])).status_code == 405
    assert client.post(reverse("notices:objection_file", args=[1])).status_code == 405
    question = ObjectionQuestion.objects.get()
    client.force_login(cast.ent_a)
    assert client.put(reverse("notices:answer_objection", args=[question.pk])).status_code == 405


def test_only_the_answer_of_its_question_and_the_decisions_pass_the_guards(cast, online):
    objection, _token = online
    application = objection.application
    assert has_open_objection(application, cast.dept)
    assert not objection_question_pending(application, cast.ent_a)
    assert not objection_awaiting_reply(application, cast.dept)
    do_ask_enterprise(objection, question="请说明", actor=cast.dept)
    assert objection_question_pending(application, cast.ent_a)
    do_decide_objection(objection, upheld=False, outcome="缺乏依据", actor=cast.dept)
    assert not has_open_objection(application, cast.dept)
    assert not objection_question_pending(application, cast.ent_a)
    assert objection_awaiting_reply(application, cast.dept)


def test_the_steps_are_batch_steps_with_no_button(client, cast, online):
    client.force_login(cast.dept)
    for action in ("receive_objection", "ask_enterprise", "reply_objector"):
        url = reverse("applications:step", args=[cast.app_a.pk, action])
        assert client.post(url, {"reason": "x"}).status_code == 404
    client.force_login(cast.ent_a)
    url = reverse("applications:step", args=[cast.app_a.pk, "answer_objection"])
    assert client.post(url, {"reason": "x"}).status_code == 404


def test_answers_filed_online_look_like_the_public_typed_them(filing):
    objection, _token = filing.file({**ANSWERS, "phone": "139 1234 5678"})
    assert objection.phone == "13912345678"
