"""The expert's visits (第九条): the list, the checklist to fill, photos, the signature.

Only a member reaches a visit (``get_member_visit_for_user``: 404 for anyone
else). The checklist is a draft any member changes until the first
signature; the page carries the revision it showed, so nobody saves over
or signs what they did not see. A refused POST shows the page again with
the reason (403) or the errors naming each field (400); nothing changes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartmfg.access import (
    can_edit_visit,
    can_evaluate,
    can_sign_visit,
    get_checklist_item_for_user,
    get_member_visit_for_user,
    get_visit_photo_for_user,
    membership_of,
    require,
    visible_visits,
)
from smartmfg.accounts.http import AuthedRequest
from smartmfg.lib.forms import add_errors, posted
from smartmfg.visits import actions
from smartmfg.visits.forms import ChecklistForm, PhotoForm, SignForm
from smartmfg.visits.models import Visit


@login_required
@require_GET
def mine(request: AuthedRequest) -> HttpResponse:
    require(can_evaluate(request.user))
    visits = visible_visits(request.user).select_related("application__enterprise", "application__call")
    return render(request, "visits/mine.html", {"visits": visits.order_by("-visit_on", "-id")})


@login_required
@require_http_methods(["GET", "POST"])
def visit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The checklist: shown, and saved as a draft on POST."""
    shown = get_member_visit_for_user(request.user, pk)
    form = ChecklistForm(posted(request), items=shown.items.all(), initial={"revision": shown.revision})
    if request.method != "POST":
        return _page(request, shown, form=form)
    decision = can_edit_visit(request.user, shown)
    if not decision:
        return _page(request, shown, form=form, refusal=str(decision.reason), status=403)
    if form.is_valid():
        try:
            changed = actions.do_save_visit_items(
                shown, form.entries(), revision=form.cleaned_data["revision"], actor=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已保存抽查情况（%(count)d 项有变化）") % {"count": changed})
            return redirect("visits:visit", pk=shown.pk)
    return _page(request, shown, form=form, status=400)


@login_required
@require_POST
def sign(request: AuthedRequest, pk: int) -> HttpResponse:
    shown = get_member_visit_for_user(request.user, pk)
    decision = can_sign_visit(request.user, shown)
    form = SignForm(request.POST)
    if not decision:
        return _page(request, shown, sign_form=form, refusal=str(decision.reason), status=403)
    if form.is_valid():
        try:
            done = actions.do_sign_visit(shown, revision=form.cleaned_data["revision"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            if done.is_reported:
                messages.success(request, _("已签署。全部专家均已签署，抽查报告已提交"))
            else:
                messages.success(request, _("已签署，待其他专家签署后提交报告"))
            return redirect("visits:visit", pk=shown.pk)
    return _page(request, shown, sign_form=form, status=400)


@login_required
@require_POST
def add_photo(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_checklist_item_for_user(request.user, pk)
    shown = item.visit
    decision = can_edit_visit(request.user, shown)
    form = PhotoForm(request.POST, request.FILES)
    if not decision:
        return _page(request, shown, photo_forms={item.pk: form}, refusal=str(decision.reason), status=403)
    if form.is_valid():
        try:
            actions.do_add_visit_photo(item, form.cleaned_data["photo"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("已上传第%(n)d项的现场照片") % {"n": item.position})
            return redirect(f"{reverse('visits:visit', args=[shown.pk])}#item-{item.pk}")
    return _page(request, shown, photo_forms={item.pk: form}, status=400)


@login_required
@require_POST
def remove_photo(request: AuthedRequest, pk: int) -> HttpResponse:
    photo = get_visit_photo_for_user(request.user, pk)
    shown = get_member_visit_for_user(request.user, photo.item.visit_id)  # the Department reads, never removes
    decision = can_edit_visit(request.user, shown)
    if not decision:
        return _page(request, shown, refusal=str(decision.reason), status=403)
    actions.do_remove_visit_photo(photo, actor=request.user)
    messages.success(request, _("已移除照片"))
    return redirect(f"{reverse('visits:visit', args=[shown.pk])}#item-{photo.item_id}")


@login_required
@require_GET
def photo(request: AuthedRequest, pk: int) -> FileResponse:
    """A photo of a visit, to its members and the Department only; shown inline (an image by its content)."""
    shown = get_visit_photo_for_user(request.user, pk)
    response = FileResponse(shown.file.open("rb"), filename=shown.original_name)
    response["Content-Type"] = shown.content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _page(
    request: AuthedRequest,
    shown: Visit,
    *,
    form: ChecklistForm | None = None,
    sign_form: SignForm | None = None,
    photo_forms: dict[int, PhotoForm] | None = None,
    refusal: str | None = None,
    status: int = 200,
) -> HttpResponse:
    items = list(shown.items.prefetch_related("photos"))
    form = form or ChecklistForm(items=items, initial={"revision": shown.revision})
    members = list(shown.members.select_related("expert"))
    me = membership_of(request.user, shown)
    forms_by_item = photo_forms or {}
    context: dict[str, Any] = {
        "visit": shown,
        "application": shown.application,
        "members": members,
        "me": me,
        "form": form,
        "rows": [
            (
                item,
                form[f"result_{item.pk}"],
                form[f"note_{item.pk}"],
                forms_by_item.get(item.pk) or PhotoForm(),
                [p for p in item.photos.all() if p.removed_at is None],
            )
            for item in items
        ],
        "editable": can_edit_visit(request.user, shown),
        "signable": can_sign_visit(request.user, shown),
        "sign_form": sign_form or SignForm(initial={"revision": shown.revision}),
        "refusal": refusal,
    }
    return render(request, "visits/visit.html", context, status=status)
