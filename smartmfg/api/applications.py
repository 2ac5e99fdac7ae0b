"""The workflow through the API: the applications a user may see, and the steps the table lets them take.

Everything is decided where the pages decide it: ``visible_applications``
and ``get_application_for_user`` for what is shown, the workflow table
(``available_steps``, ``can_take``) for what may be done, and the step's
registered form and handler (``workflow.forms.ui_for``, the same the page
uses, which take the step through ``transition``) to do it.
"""

from __future__ import annotations

import math
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Router

from smartmfg.access import (
    acts_for,
    available_steps,
    can_see_expert_names,
    get_application_for_user,
    require,
    visible_applications,
)
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.api.errors import ApiBadRequest, ApiConflict
from smartmfg.api.schemas import ApplicationDetail, ApplicationPage, ErrorOut, StepIn
from smartmfg.applications.filters import ApplicationFilter
from smartmfg.applications.models import Application
from smartmfg.eligibility.gates import step_verdict
from smartmfg.rules.facts import TIER_LABELS
from smartmfg.rules.text import Lang, normalise_lang
from smartmfg.workflow import table as workflow
from smartmfg.workflow.forms import StepForm, ui_for

MAX_PAGE_SIZE: Final = 100

router = Router(tags=["申报与办理"])


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


@router.get(
    "/applications",
    url_name="application_list",
    response={200: ApplicationPage, 400: ErrorOut, 401: ErrorOut},
    summary="我可查看的申报",
    description="与页面相同的可见范围：企业看本企业的，属地工信部门看辖区内已提交的，省工信厅看全部已提交的。"
    "可按批次（call）、类别（tier）、状态（status）、条件判定（verdict：eligible/ineligible/unknown）和关键词（q）筛选。",
)
def application_list(
    request: HttpRequest,
    call: int | None = None,
    tier: str | None = None,
    status: str | None = None,
    verdict: str | None = None,
    q: str | None = None,
    page: int = 1,
    page_size: int = 25,
    lang: str = "zh",
) -> Any:
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ApiBadRequest(
            _("请求参数无效"),
            [{"path": "page" if page < 1 else "page_size", "message": _("page 从1开始，page_size 为1至100")}],
        )
    params = {"call": call, "tier": tier, "status": status, "verdict": verdict, "q": q}
    queryset = visible_applications(_user(request)).select_related("call", "enterprise", "jurisdiction")
    data = {k: v for k, v in params.items() if v is not None}
    filterset = ApplicationFilter(data, queryset=queryset, request=request)
    if not filterset.is_valid():
        errors = [{"path": field, "message": str(m)} for field, ms in filterset.errors.items() for m in ms]
        raise ApiBadRequest(_("请求参数无效"), errors)
    rows = filterset.qs.order_by("-updated_at", "-id")
    count = rows.count()
    start = (page - 1) * page_size
    language = normalise_lang(lang)
    with translation.override(_django_lang(language)):
        items = [_item(application, language) for application in rows[start : start + page_size]]
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": max(1, math.ceil(count / page_size)),
        "items": items,
    }


@router.get(
    "/applications/{application_id}",
    url_name="application_detail",
    response={200: ApplicationDetail, 401: ErrorOut, 404: ErrorOut},
    summary="一项申报：内容、当前条件判定、办理记录、现在可办理的事项",
)
def application_detail(request: HttpRequest, application_id: int, lang: str = "zh") -> Any:
    application = get_application_for_user(_user(request), application_id)
    return _detail(request, application, normalise_lang(lang))


@router.post(
    "/applications/{application_id}/steps/{action}",
    url_name="application_step",
    response={200: ApplicationDetail, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="办理一个事项（工作流表中的一步）",
    description='请求体 `{"reason": "...", "seen": "submitted"}`：reason 为意见或理由（退回、不通过等必填）；'
    "seen 为您看到的状态，若已被他人改变则应答409。无权办理应答403并说明原因；当前状态不能办理应答409；"
    "看不到的申报应答404。需录入评分等内容的事项请在申报页面办理。",
)
def take_step(
    request: HttpRequest, application_id: int, action: str, body: StepIn | None = None, lang: str = "zh"
) -> Any:
    body = body or StepIn()
    user = _user(request)
    application = get_application_for_user(user, application_id)
    step = workflow.STEP_BY_ACTION.get(action)
    if step is None or step.batch:
        raise Http404  # as the page: batch steps are taken by their documents, unknown ones do not exist
    require(acts_for(user, application, step.role))
    if body.seen and body.seen != application.status:
        raise ApiConflict(_("该申报刚刚已由他人办理，状态已变化，请刷新后查看。"))
    if application.status not in step.sources:
        raise ApiConflict(
            _("当前状态（%(status)s）不能办理“%(action)s”")
            % {"status": application.get_status_display(), "action": step.label}
        )
    ui = ui_for(action)
    form = ui.form(body.form_data(), step=step, application=application)
    if not via_api(form):
        raise ApiBadRequest(_("“%(action)s”需上传材料，请在申报页面办理") % {"action": step.label})
    if not form.is_valid():  # answered 400 naming each field, as the actions' own refusals are
        raise ValidationError({name: list(messages) for name, messages in form.errors.items()})
    ui.handler(application, user, form)
    application = get_application_for_user(user, application_id)
    return _detail(request, application, normalise_lang(lang))


def via_api(form: StepForm) -> bool:
    """A step is taken through the API when its form asks for no file (those are uploaded on the page)."""
    return "documents" not in form.fields


# -------------------------------------------------------------------- shapes


def _django_lang(lang: Lang) -> str:
    return "en" if lang == "en" else "zh-hans"


def _item(application: Application, lang: Lang) -> dict[str, Any]:
    return {
        **_head(application, lang),
        "project_name": application.project_name,
        "verdict": {
            "eligible": application.verdict_eligible,
            "track": application.verdict_track,
            "eligible_investment": f"{application.eligible_investment:.2f}",
        },
        "updated_at": timezone.localtime(application.updated_at),
    }


def _head(application: Application, lang: Lang) -> dict[str, Any]:
    call, enterprise, bureau = application.call, application.enterprise, application.jurisdiction
    return {
        "id": application.pk,
        "reference": application.reference,
        "url": reverse("applications:detail", args=[application.pk]),
        "call": {"id": call.pk, "year": call.year, "title": call.title},
        "enterprise": {"id": enterprise.pk, "name": enterprise.name, "uscc": enterprise.uscc},
        "tier": application.tier,
        "tier_label": TIER_LABELS[application.tier][lang],
        "jurisdiction": {"id": bureau.pk, "name": bureau.name},
        "status": application.status,
        "status_label": str(application.get_status_display()),
        "applied_on": application.applied_on,
    }


def _detail(request: HttpRequest, application: Application, lang: Lang) -> dict[str, Any]:
    user = _user(request)
    names = bool(can_see_expert_names(user))
    with translation.override(_django_lang(lang)):
        return {
            **_head(application, lang),
            "submission_count": application.submission_count,
            "project": _project(application),
            "maturity": _maturity(application),
            "investments": [
                {
                    "position": item.position,
                    "date": item.occurred_on,
                    "category": item.category,
                    "amount": f"{item.amount:.2f}",
                    "status": item.status,
                    "invoice_no": item.invoice_no,
                    "description": item.description,
                }
                for item in application.investments.all()
            ],
            "verdict": {"source": application.reference, **step_verdict(application).to_dict(lang)},
            "history": [
                {
                    "id": event.pk,
                    "action": event.action,
                    "label": str(workflow.STEP_BY_ACTION[event.action].label)
                    if event.action in workflow.STEP_BY_ACTION
                    else event.action,
                    "from_status": event.from_status,
                    "to_status": event.to_status,
                    # Domain.md §7: an expert's name is the Department's to read only.
                    "actor": event.actor.display_name if names or event.role != Role.EXPERT else str(_("评审专家")),
                    "role": event.role,
                    "at": timezone.localtime(event.at),
                    "reason": event.reason,
                }
                for event in application.events.select_related("actor")
            ],
            "steps": [
                {
                    "action": step.action,
                    "label": str(step.label),
                    "article": step.article,
                    "allowed": decision.allowed,
                    "reason": str(decision.reason),
                    "needs_reason": step.needs_reason,
                    "via_api": via_api(ui_for(step.action).form(step=step)),
                    "confirm": str(step.confirm or ""),
                }
                for step, decision in available_steps(user, application)
            ],
        }


def _project(application: Application) -> dict[str, Any]:
    return {
        "name": application.project_name,
        "division": application.project_division,
        "address": application.project_address,
        "summary": application.project_summary,
        "construction_status": application.construction_status,
        "production_started_on": application.production_started_on,
        "expected_completion_on": application.expected_completion_on,
        "workshops": [w.name for w in application.workshops.all()],
        "scenarios": [{"area": s.area, "title": s.title} for s in application.scenarios.all()],
    }


def _maturity(application: Application) -> dict[str, Any] | None:
    if application.maturity_level is None:
        return None
    score = application.maturity_score
    return {
        "level": application.maturity_level,
        "score": None if score is None else f"{score:.2f}",
        "assessed_on": application.maturity_assessed_on,
        "report_no": application.maturity_report_no,
    }
