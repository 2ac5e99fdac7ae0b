"""第十条: the public files an objection online: the form, check your answers, the receipt, the private link."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from smartmfg.applications.models import ApplicationEvent
from smartmfg.audit.models import AuditEntry
from smartmfg.inbox.models import Message
from smartmfg.notices.actions import do_file_objection, do_record_objection, do_save_draft
from smartmfg.notices.models import Objection, ObjectionDraft, ObjectionFile
from tests.journeys import today
from tests.objections.conftest import ANSWERS, PNG, pdf, png


def test_anyone_files_an_objection_and_keeps_its_receipt_and_private_link(
    filing, cast, django_capture_on_commit_callbacks, mailoutbox
):
    page = filing.form().content.decode()
    assert "长春甲企业有限公司" in page and "验证题：" in page
    assert f"{filing.notice.ends_on:%Y-%m-%d} 24:00" in page

    check_url = filing.to_check({**ANSWERS, "evidence": [pdf(), png()]})
    check = filing.client.get(check_url).content.decode()
    for shown in ("王某某", "13912345678", "wang@example.com", "证据.pdf", "照片.png", "设备购置发票与项目无关"):
        assert shown in check
    assert not Objection.objects.exists()  # nothing is filed before the confirmation

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = filing.client.post(check_url)

    assert confirmed.status_code == 302
    objection = Objection.objects.get()
    token = confirmed["Location"].split("/")[-3]
    assert confirmed["Location"] == reverse("objections:receipt", kwargs={"token": token})
    assert (objection.channel, objection.status, objection.recorded_by) == ("online", "open", None)
    assert (objection.objector, objection.phone, objection.email) == ("王某某", "13912345678", "wang@example.com")
    assert objection.receipt_number == f"YY-{today().year}-000001"
    assert objection.received_on == today()
    assert sorted(objection.files.values_list("original_name", flat=True)) == ["照片.png", "证据.pdf"]
    assert token not in objection.token_hash and len(objection.token_hash) == 64  # only the hash is stored
    receipt = filing.client.get(confirmed["Location"]).content.decode()
    link = f"http://testserver{reverse('objections:status', kwargs={'token': token})}"
    assert objection.receipt_number in receipt and link in receipt
    status = filing.client.get(reverse("objections:status", kwargs={"token": token})).content.decode()
    assert "正在核实" in status and objection.receipt_number in status and "139****5678" in status
    (mail,) = [m for m in mailoutbox if m.to == ["wang@example.com"]]
    assert (
        objection.receipt_number in mail.subject and reverse("objections:status", kwargs={"token": token}) in mail.body
    )
    draft = ObjectionDraft.objects.get()
    assert (draft.filed, draft.answers) == (objection, {})  # the draft keeps nothing of the objector


def test_the_filing_is_on_the_history_without_the_objector_and_the_enterprise_is_told(
    filing, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        objection, _token = filing.file()

    event = ApplicationEvent.objects.get(application=cast.app_a, action="receive_objection")
    assert (event.from_status, event.to_status, event.role, event.reason) == ("in_notice", "in_notice", "public", "")
    assert event.actor.display_name == "社会公众（网上提交）" and not event.actor.is_active
    assert not event.actor.has_usable_password() and event.actor.roles == []
    assert event.data == {"objection": objection.pk, "receipt": objection.receipt_number, "channel": "online"}
    told = Message.objects.get(recipient=cast.ent_a, event="receive_objection")
    assert "收到异议" in told.subject
    for private in ("王某某", "13912345678", "wang@example.com", "设备购置发票"):
        assert private not in told.subject + told.body
    assert Message.objects.filter(recipient=cast.dept, event="receive_objection").exists()
    assert AuditEntry.objects.get(verb="file_objection").actor is None


def test_receipt_numbers_are_sequential_per_year_whatever_the_channel(filing, cast):
    first, _ = filing.file()
    second, _ = filing.file({**ANSWERS, "phone": "13700000000"})
    letter = do_record_objection(
        filing.notice,
        cast.app_b,
        received_on=today(),
        objector="某公司",
        objector_contact="",
        content="来信反映",
        actor=cast.dept,
    )
    year = today().year
    assert [o.receipt_number for o in (first, second, letter)] == [f"YY-{year}-{n:06d}" for n in (1, 2, 3)]


def test_an_organisation_objects_with_its_name_and_credit_code(filing):
    answers = {**ANSWERS, "objector_kind": "organisation", "organisation": "某装备有限公司"}
    objection, _ = filing.file({**answers, "organisation_uscc": " 91350100m000100y43 "})
    assert (objection.objector_kind, objection.organisation) == ("organisation", "某装备有限公司")
    assert objection.organisation_uscc == "91350100M000100Y43"


# --------------------------------------------------------- what is refused


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "请填写真实姓名"),
        ({"objector_kind": ""}, "objector_kind", "请选择以个人还是单位名义提出异议"),
        ({"phone": ""}, "phone", "请填写手机号码"),
        ({"phone": "1391234567"}, "phone", "手机号码应为11位数字"),
        ({"phone": "23912345678"}, "phone", "手机号码应为11位数字"),
        ({"email": "wang@"}, "email", "电子邮箱格式不正确"),
        ({"content": " "}, "content", "请写明异议的事实和理由"),
        ({"pledge": ""}, "pledge", "请阅读并勾选承诺"),
        ({"objector_kind": "organisation", "organisation": "某公司"}, "organisation_uscc", "统一社会信用代码"),
        (
            {"objector_kind": "organisation", "organisation": "某公司", "organisation_uscc": "91350100M000100Y44"},
            "organisation_uscc",
            "校验",
        ),
        ({"objector_kind": "organisation", "organisation_uscc": "91350100M000100Y43"}, "organisation", "单位名称"),
    ],
)
def test_each_wrong_answer_is_named_on_its_field(filing, changes, field, message):
    response = filing.post({**ANSWERS, **changes})

    assert response.status_code == 400
    html = response.content.decode()
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    link = re.search(rf'<a href="#id_{field}[^"]*">([^<]+)</a>：([^<]*)', summary)
    assert link, summary
    assert message in link.group(2)
    assert not Objection.objects.exists()


def test_a_bad_credit_code_is_refused_by_its_check_digit(filing):
    response = filing.post(
        {
            **ANSWERS,
            "objector_kind": "organisation",
            "organisation": "某公司",
            "organisation_uscc": "9144030071526726XA",
        }
    )
    assert response.status_code == 400
    assert "单位统一社会信用代码</a>：" in response.content.decode()


def test_the_statement_has_a_length_limit(filing, settings):
    settings.OBJECTION_MAX_CHARS = 20
    response = filing.post({**ANSWERS, "content": "事" * 21})
    assert response.status_code == 400
    assert "异议内容最多20个字，现有21个字" in response.content.decode()
    filing.to_check({**ANSWERS, "content": "事" * 20, "draft": _draft_token(response)})


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("说明.docx", b"PK\x03\x04" + b"\0" * 100), "证明材料只能是PDF或图片"),
        (SimpleUploadedFile("假的.pdf", b"just some text, not a PDF"), "证明材料只能是PDF或图片"),
        (SimpleUploadedFile("空.pdf", b""), "空文件"),
    ],
)
def test_evidence_is_a_pdf_or_an_image_by_its_content(filing, upload, message):
    response = filing.post({**ANSWERS, "evidence": [upload]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "证明材料（选填）</a>：" in html and message in html
    assert not ObjectionFile.objects.exists()


def test_evidence_has_a_size_limit_and_a_count_limit(filing, settings):
    settings.OBJECTION_MAX_FILE_MB = 1
    big = SimpleUploadedFile("大.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1))
    response = filing.post({**ANSWERS, "evidence": [big]})
    assert response.status_code == 400
    assert "超过上限 1 MB" in response.content.decode()

    settings.OBJECTION_MAX_FILES = 2
    response = filing.post({**ANSWERS, "evidence": [pdf("1.pdf"), pdf("2.pdf"), pdf("3.pdf")]})
    assert response.status_code == 400
    assert "证明材料最多2个文件" in response.content.decode()
    assert not ObjectionFile.objects.exists()


def test_the_action_checks_the_files_too(cast, notice, settings):
    settings.OBJECTION_MAX_FILES = 1
    with pytest.raises(Exception, match="证明材料最多1个文件"):
        do_save_draft(notice, cast.app_a, ANSWERS, uploads=[pdf("1.pdf"), pdf("2.pdf")])
    with pytest.raises(Exception, match="只能是PDF或图片"):
        do_save_draft(notice, cast.app_a, ANSWERS, uploads=[SimpleUploadedFile("a.zip", b"PK\x03\x04" + b"\0" * 64)])
    assert not ObjectionDraft.objects.exists()


# --------------------------------------------------- files are never lost


def _draft_token(response) -> str:
    found = re.search(r'name="draft" value="([^"]+)"', response.content.decode())
    assert found, "no draft on the page"
    return found.group(1)


def test_files_that_pass_are_kept_while_another_field_is_corrected(filing):
    first = filing.post({**ANSWERS, "phone": "123", "evidence": [pdf()]})
    assert first.status_code == 400
    html = first.content.decode()
    assert "已保存的证明材料" in html and "证据.pdf" in html
    assert "验证题：" not in html  # answered once: the draft proves it

    token = _draft_token(first)
    check_url = filing.to_check({**ANSWERS, "draft": token})
    assert "证据.pdf" in filing.client.get(check_url).content.decode()
    # Back from the check page to change something: the file is still there.
    edit = filing.client.get(f"{filing.url}?draft={token}").content.decode()
    assert "证据.pdf" in edit and 'value="13912345678"' in edit


def test_a_good_file_is_kept_beside_a_refused_one(filing):
    response = filing.post({**ANSWERS, "evidence": [png(), SimpleUploadedFile("x.txt", b"plain text here")]})
    assert response.status_code == 400
    assert list(ObjectionFile.objects.values_list("original_name", flat=True)) == ["照片.png"]
    assert "其余文件已保存" in response.content.decode()


def test_a_kept_file_can_be_removed(filing):
    response = filing.post({**ANSWERS, "phone": "1", "evidence": [pdf(), png()]})
    token = _draft_token(response)
    kept = ObjectionFile.objects.get(original_name="证据.pdf")
    filing.to_check({**ANSWERS, "draft": token, "remove": [kept.pk]})
    assert list(ObjectionFile.objects.values_list("original_name", flat=True)) == ["照片.png"]


def test_someone_elses_draft_token_opens_nothing(filing, cast, client):
    check_url = filing.to_check()
    token = check_url.rstrip("/").split("/")[-1]
    other_entry = reverse(
        "objections:check", kwargs={"notice": filing.notice.pk, "application": cast.app_b.pk, "draft": token}
    )
    assert client.get(other_entry).status_code == 404
    forged = check_url.replace(token, token[:-1] + ("A" if token[-1] != "A" else "B"))
    assert client.get(forged).status_code == 404
    assert client.get(check_url.replace(token, "short")).status_code == 404
    assert client.get(f"{filing.url}?draft=nonsense").status_code == 404


def test_an_expired_draft_is_gone_with_its_files(filing, cast, settings, django_capture_on_commit_callbacks):
    settings.OBJECTION_DRAFT_HOURS = 1
    check_url = filing.to_check({**ANSWERS, "evidence": [pdf()]})
    stored = ObjectionFile.objects.get().file.name
    assert default_storage.exists(stored)
    cast.clock.move_to(timezone.now() + dt.timedelta(hours=2), tick=False)

    assert filing.client.get(check_url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        do_save_draft(filing.notice, cast.app_a, ANSWERS)  # a new draft purges the expired one

    assert ObjectionDraft.objects.count() == 1 and not ObjectionFile.objects.exists()
    assert not default_storage.exists(stored)


def test_confirming_twice_files_one_objection(filing):
    check_url = filing.to_check()
    assert filing.client.post(check_url).status_code == 302
    again = filing.client.post(check_url)
    assert again.status_code == 409
    assert "已经提交" in again.content.decode()
    assert Objection.objects.count() == 1
    with pytest.raises(Exception, match="请勿重复提交"):
        do_file_objection(ObjectionDraft.objects.get())


def test_a_tampered_draft_goes_back_to_the_form(filing):
    check_url = filing.to_check()
    draft = ObjectionDraft.objects.get()
    ObjectionDraft.objects.filter(pk=draft.pk).update(answers={**draft.answers, "phone": "123"})
    response = filing.client.post(check_url)
    assert response.status_code == 302 and "?draft=" in response["Location"]
    assert not Objection.objects.exists()
    form = filing.client.get(response["Location"]).content.decode()
    assert "手机号码</a>：手机号码应为11位数字" in form  # the form names what is wrong


def test_wrong_methods(filing, client):
    check_url = filing.to_check()
    assert client.put(check_url).status_code == 405
    _objection, token = filing.file()
    assert client.put(filing.url).status_code == 405
    assert client.post(reverse("objections:status", kwargs={"token": token})).status_code == 405
    assert client.post(reverse("objections:receipt", kwargs={"token": token})).status_code == 405


def test_the_png_fixture_is_an_image():
    assert PNG.startswith(b"\x89PNG")
