"""Appending records about an enterprise: credit checks, unlawful acts, major incidents (第四条)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from smartmfg.access import can_record_about_enterprise, get_enterprise_for_user, require
from smartmfg.accounts.http import AuthedRequest
from smartmfg.enterprises.record_forms import RECORD_FORMS, record_action


@login_required
@require_http_methods(["GET", "POST"])
def add_record(request: AuthedRequest, pk: int, kind: str) -> HttpResponse:
    """The form of one kind of record; saved, it returns to where it was opened from."""
    enterprise = get_enterprise_for_user(request.user, pk)
    if kind not in RECORD_FORMS:
        raise Http404
    require(can_record_about_enterprise(request.user, enterprise))
    label, form_class = RECORD_FORMS[kind]
    back = safe_next(request) or reverse("enterprises:detail", args=[enterprise.pk])
    form = form_class(request.POST or None, prefix=kind)
    if request.method == "POST" and form.is_valid():
        try:
            record_action(kind)(enterprise, form.cleaned_data, actor=request.user)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("已录入%(kind)s记录") % {"kind": label})
            return redirect(back)
    context = {"enterprise": enterprise, "form": form, "kind": kind, "label": label, "next": back}
    return render(request, "enterprises/record_form.html", context, status=400 if request.method == "POST" else 200)


def safe_next(request: HttpRequest) -> str | None:
    """The page to return to, if it is a path of this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return None
