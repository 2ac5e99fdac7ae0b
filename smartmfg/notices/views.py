"""The Department's pages of 第十条 after deliberation: notice, objections, publication.

And the enterprise's page for answering the Department's question on an
objection, and the published list as a Word document, which anyone may
download: it is a public document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartmfg.access import (
    can_answer_objection,
    can_apply,
    can_use_department_pages,
    get_call_for_user,
    get_notice_for_user,
    get_objection_file_for_user,
    get_objection_for_user,
    get_objection_question_for_user,
    get_publication_for_user,
    require,
)
from smartmfg.accounts.http import AuthedRequest
from smartmfg.applications.models import Application
from smartmfg.applications.states import Status
from smartmfg.calls.models import Call
from smartmfg.eligibility.gates import held_back
from smartmfg.evaluations.overview import call_applications
from smartmfg.lib import workdays
from smartmfg.lib.forms import add_errors, form_status, posted
from smartmfg.notices import actions, documents
from smartmfg.notices.forms import (
    DecideObjectionForm,
    EndNoticeForm,
    ExtendNoticeForm,
    ObjectionForm,
    PublishForm,
    StartNoticeForm,
)
from smartmfg.notices.models import Objection, ObjectionQuestion, PublicNotice
from smartmfg.notices.objection_forms import AnswerObjectionForm, AskEnterpriseForm, ReplyObjectorForm
from smartmfg.rules.requirements import EVALUATION
from smartmfg.workflow.batch import BatchRefused
from smartmfg.workflow.transition import Conflict

REFUSALS = (Conflict, BatchRefused)


def _call(request: AuthedRequest, pk: int) -> Call:
    require(can_use_department_pages(request.user))
    return get_call_for_user(request.user, pk)


def _candidates(request: AuthedRequest, call: Call, status: Status) -> tuple[list[Application], dict[int, Any]]:
    """The call's applications waiting in ``status``, and those held back (a rule no longer holds) with why."""
    waiting = call_applications(request.user, call).filter(status=status)
    return list(waiting.order_by("tier", "reference")), held_back(waiting, EVALUATION)


# ------------------------------------------------------------------ the notice


@login_required
@require_http_methods(["GET", "POST"])
def start(request: AuthedRequest, call: int) -> HttpResponse:
    """第十条: put the approved applications out for public notice."""
    the_call = _call(request, call)
    candidates, held = _candidates(request, the_call, Status.APPROVED)
    if request.method != "POST":
        return _start_page(request, StartNoticeForm(call=the_call, candidates=candidates, held=held), the_call)
    form = StartNoticeForm(request.POST, call=the_call, candidates=candidates, held=held)
    if form.is_valid():
        data = form.cleaned_data
        try:
            notice = actions.do_start_notice(
                the_call,
                data["applications"],
                title=data["title"],
                starts_on=data["starts_on"],
                contact=data["contact"],
                body=data["body"],
                actor=request.user,
            )
        except REFUSALS as refusal:
            messages.error(request, str(refusal))
            return _start_page(request, form, the_call, status=409)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("已发布公示，公示期 %(start)s 至 %(end)s")
                % {"start": notice.starts_on.isoformat(), "end": notice.ends_on.isoformat()},
            )
            return redirect("notices:manage", pk=notice.pk)
    return _start_page(request, form, the_call, status=400)


def _start_page(request: AuthedRequest, form: StartNoticeForm, call: Call, *, status: int = 200) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "call": call,
        "form": form,
        "candidates": [(a, form.held.get(a.pk, ())) for a in form.candidates],
        "chosen": _chosen(form),
        "calendar_known": workdays.knows(today) and workdays.knows(actions.notice_period(call, today)),
    }
    return render(request, "notices/start.html", context, status=status)


def _chosen(form: Any) -> set[int]:
    """The ticked ids: as posted, or all of them on a fresh page."""
    if form.is_bound:
        return {int(v) for v in form.data.getlist("applications") if v.isdigit()}
    return set(form.fields["applications"].initial or ())


@login_required
@require_GET
def manage(request: AuthedRequest, pk: int) -> HttpResponse:
    """第十条: the notice's list, its objections and their decisions, and its end."""
    require(can_use_department_pages(request.user))
    notice = get_notice_for_user(request.user, pk)
    return _manage_page(request, notice)


def _manage_page(
    request: AuthedRequest,
    notice: PublicNotice,
    *,
    objection_form: ObjectionForm | None = None,
    forms: dict[str, Form] | None = None,
    extend_form: ExtendNoticeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    remaining = actions.in_notice(notice)
    objections = list(
        notice.objections.select_related("application__enterprise", "recorded_by", "decided_by", "replied_by")
        .prefetch_related(
            "files",
            Prefetch(
                "questions",
                queryset=ObjectionQuestion.objects.select_related("asked_by", "answered_by", "answer_event"),
            ),
            "questions__answer_event__attachments",
        )
        .order_by("received_on", "id")
    )
    held = held_back(notice.applications.filter(status=Status.IN_NOTICE), EVALUATION)
    listed = notice.applications.select_related("enterprise", "jurisdiction").order_by("reference")
    context = {
        "notice": notice,
        "applications": [(a, held.get(a.pk, ())) for a in listed],
        "remaining": remaining,
        "objections": [_objection_item(o, forms or {}) for o in objections],
        "objection_form": objection_form or ObjectionForm(applications=remaining, last_day=notice.ends_on),
        "can_end": actions.can_end(notice),
        "extend_form": extend_form or ExtendNoticeForm(initial={"ends_on": notice.ends_on}),
    }
    return render(request, "notices/manage.html", context, status=status)


def _objection_item(objection: Objection, forms: dict[str, Form]) -> dict[str, Any]:
    """One objection on the Department's page, with the forms of what may be done with it now."""
    pending = any(not q.is_answered for q in objection.questions.all())
    item: dict[str, Any] = {"objection": objection, "pending_question": pending}
    if objection.is_open:
        item["decide"] = forms.get(f"o{objection.pk}") or DecideObjectionForm(prefix=f"o{objection.pk}")
        if not pending and objection.application.status == Status.IN_NOTICE:
            item["ask"] = forms.get(f"q{objection.pk}") or AskEnterpriseForm(prefix=f"q{objection.pk}")
    elif objection.replied_at is None:
        item["reply"] = forms.get(f"r{objection.pk}") or ReplyObjectorForm(prefix=f"r{objection.pk}")
    return item


@login_required
@require_POST
def extend(request: AuthedRequest, pk: int) -> HttpResponse:
    """第十条: extend an open notice (never shorten it)."""
    require(can_use_department_pages(request.user))
    notice = get_notice_for_user(request.user, pk)
    form = ExtendNoticeForm(request.POST)
    if form.is_valid():
        try:
            actions.do_extend_notice(
                notice, ends_on=form.cleaned_data["ends_on"], reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("公示已延长至 %(end)s") % {"end": notice.ends_on.isoformat()})
            return redirect("notices:manage", pk=notice.pk)
    return _manage_page(request, notice, extend_form=form, status=400)


@login_required
@require_POST
def add_objection(request: AuthedRequest, pk: int) -> HttpResponse:
    """第十条: enter an objection received by letter, phone or visit during the notice period."""
    require(can_use_department_pages(request.user))
    notice = get_notice_for_user(request.user, pk)
    form = ObjectionForm(request.POST, request.FILES, applications=actions.in_notice(notice))
    if form.is_valid():
        data = form.cleaned_data
        application = notice.applications.filter(pk=data["application"]).first()
        try:
            if application is None:
                raise ValidationError({"application": _("该申报不在本次公示名单中")})
            objection = actions.do_record_objection(
                notice,
                application,
                received_on=data["received_on"],
                objector=data["objector"],
                objector_contact=data["objector_contact"],
                content=data["content"],
                channel=data["channel"],
                files=data["documents"],
                actor=request.user,
            )
        except Conflict as conflict:
            messages.error(request, str(conflict))
            return redirect("notices:manage", pk=notice.pk)
        except ValidationError as error:
            add_errors(form, error, rename=lambda name: "documents" if name == "evidence" else name)
        else:
            messages.success(request, _("已登记异议，回执号 %(number)s") % {"number": objection.receipt_number})
            return redirect("notices:manage", pk=notice.pk)
    return _manage_page(request, notice, objection_form=form, status=400)


def _objection_step(
    request: AuthedRequest,
    pk: int,
    prefix: str,
    form_class: type[Form],
    act: Callable[[Objection, dict[str, Any]], str],
) -> HttpResponse:
    """The Department's POST on one objection: bind its form, run the action, say what was done or why not."""
    require(can_use_department_pages(request.user))
    objection = get_objection_for_user(request.user, pk)
    form = form_class(request.POST, prefix=f"{prefix}{objection.pk}")
    if form.is_valid():
        try:
            done = act(objection, form.cleaned_data)
        except Conflict as conflict:
            messages.error(request, str(conflict))
            return redirect("notices:manage", pk=objection.notice_id)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("notices:manage", pk=objection.notice_id)
    return _manage_page(request, objection.notice, forms={f"{prefix}{objection.pk}": form}, status=400)


@login_required
@require_POST
def decide_objection(request: AuthedRequest, pk: int) -> HttpResponse:
    """第十条: decide an objection; upheld, the application leaves the list. A reply may go with it."""

    def decide(objection: Objection, data: dict[str, Any]) -> str:
        upheld = data["decision"] == "upheld"
        actions.do_decide_objection(objection, upheld=upheld, outcome=data["outcome"], actor=request.user)
        done = _("异议成立，该申报已移出公示名单") if upheld else _("已记录：异议不成立")
        if data.get("reply", "").strip():
            actions.do_reply_objector(objection, reply=data["reply"], actor=request.user)
            done = _("%(done)s；已答复异议人") % {"done": done}
        return str(done)

    return _objection_step(request, pk, "o", DecideObjectionForm, decide)


@login_required
@require_POST
def ask_enterprise(request: AuthedRequest, pk: int) -> HttpResponse:
    """第十条: ask the enterprise objected to to explain itself (请企业说明)."""

    def ask(objection: Objection, data: dict[str, Any]) -> str:
        actions.do_ask_enterprise(objection, question=data["question"], actor=request.user)
        return str(_("已请企业说明，企业将在平台上收到通知"))

    return _objection_step(request, pk, "q", AskEnterpriseForm, ask)


@login_required
@require_POST
def reply_objector(request: AuthedRequest, pk: int) -> HttpResponse:
    """第十条: the reply to the objector, read at their private link (and by email when they gave one)."""

    def reply(objection: Objection, data: dict[str, Any]) -> str:
        actions.do_reply_objector(objection, reply=data["reply"], actor=request.user)
        return str(_("已答复异议人"))

    return _objection_step(request, pk, "r", ReplyObjectorForm, reply)


@login_required
@require_GET
def objection_file(request: AuthedRequest, pk: int) -> FileResponse:
    """An objection's evidence file: the Department's only (domain.md §8)."""
    require(can_use_department_pages(request.user))
    item = get_objection_file_for_user(request.user, pk)
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)
    response["Content-Type"] = item.content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ------------------------------------------------------------ the enterprise's


@login_required
@require_http_methods(["GET", "POST"])
def answer_objection(request: AuthedRequest, pk: int) -> HttpResponse:
    """第十条: the enterprise objected to answers the Department's question, with a statement and files.

    The enterprise's page: other roles are refused (403), another enterprise's
    question does not exist for it (404). It reads the question, never the
    objection's content or who filed it.
    """
    require(can_apply(request.user))
    question = get_objection_question_for_user(request.user, pk)
    decision = can_answer_objection(request.user, question)
    form = AnswerObjectionForm(posted(request), request.FILES or None)
    if request.method == "POST":
        if not decision:
            messages.error(request, str(decision.reason))
            return redirect("notices:answer_objection", pk=question.pk)
        if form.is_valid():
            try:
                actions.do_answer_objection(
                    question,
                    statement=form.cleaned_data["reason"],
                    files=form.cleaned_data["documents"],
                    actor=request.user,
                )
            except Conflict as conflict:
                messages.error(request, str(conflict))
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("已提交说明，省工信厅将一并核实"))
                return redirect("notices:answer_objection", pk=question.pk)

    application = question.objection.application
    context = {
        "question": question,
        "objection": question.objection,
        "application": application,
        "form": form,
        "decision": decision,
        "answer_files": question.answer_event.attachments.all() if question.answer_event else [],
    }
    return render(request, "notices/answer.html", context, status=form_status(request, form))


@login_required
@require_POST
def end(request: AuthedRequest, pk: int) -> HttpResponse:
    """第十条: end the notice; the applications remaining pass it and wait for publication."""
    require(can_use_department_pages(request.user))
    notice = get_notice_for_user(request.user, pk)
    form = EndNoticeForm(request.POST)
    ids = form.cleaned_data["applications"] if form.is_valid() else []
    try:
        actions.do_end_notice(notice, ids, actor=request.user)
    except REFUSALS as refusal:
        messages.error(request, str(refusal))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("公示已结束，%(n)d 项申报公示无异议，待发文公布") % {"n": len(ids)})
        return redirect("department:call", call=notice.call_id)
    return redirect("notices:manage", pk=notice.pk)


# ----------------------------------------------------------------- publication


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: AuthedRequest, call: int) -> HttpResponse:
    """第十条: issue the final list by official document; each becomes 已认定 or 培育中."""
    the_call = _call(request, call)
    candidates, held = _candidates(request, the_call, Status.NOTICE_PASSED)
    if request.method != "POST":
        return _publish_page(request, PublishForm(call_year=the_call.year, candidates=candidates, held=held), the_call)
    form = PublishForm(request.POST, call_year=the_call.year, candidates=candidates, held=held)
    if form.is_valid():
        data = form.cleaned_data
        try:
            publication = actions.do_publish(
                the_call,
                data["applications"],
                document_number=data["document_number"],
                title=data["title"],
                published_on=data["published_on"],
                body=data["body"],
                actor=request.user,
            )
        except REFUSALS as refusal:
            messages.error(request, str(refusal))
            return _publish_page(request, form, the_call, status=409)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("已发文公布：%(number)s，共 %(n)d 项")
                % {"number": publication.document_number, "n": len(publication.entries)},
            )
            return redirect("department:call", call=the_call.pk)
    return _publish_page(request, form, the_call, status=400)


def _publish_page(request: AuthedRequest, form: PublishForm, call: Call, *, status: int = 200) -> HttpResponse:
    context = {
        "call": call,
        "form": form,
        "candidates": [(a, actions.outcome(a), form.held.get(a.pk, ())) for a in form.candidates],
        "chosen": _chosen(form),
    }
    return render(request, "notices/publish.html", context, status=status)


@require_GET
def publication_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The published list as issued, in Word or PDF; a public document, so anyone may download it."""
    publication = get_publication_for_user(request.user, pk)
    if kind == "pdf":
        content, content_type = documents.publication_pdf(publication), documents.PDF_TYPE
    else:
        content, content_type = documents.publication_docx(publication), documents.DOCX_TYPE
    response = HttpResponse(content, content_type=content_type)
    name = f"{publication.document_number}.{kind}"
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    response["X-Content-Type-Options"] = "nosniff"
    return response
