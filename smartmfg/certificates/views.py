"""The certificates' pages: verification for anyone, the PDF for its holders, the numbering for the Department.

Routed by ``public/opendata_urls.py`` (namespace ``opendata``) beside the
open-data downloads.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from smartmfg.access import (
    can_change_certificate_series,
    can_manage_certificate_series,
    get_call_for_user,
    get_certificate_for_user,
    get_certificate_for_verification,
    require,
)
from smartmfg.accounts.http import AuthedRequest
from smartmfg.certificates import documents
from smartmfg.certificates.actions import do_save_certificate_series, series_of
from smartmfg.certificates.forms import SeriesForm, VerifyForm
from smartmfg.certificates.models import CertificateSeries
from smartmfg.certificates.numbers import normalise, render_number
from smartmfg.certificates.published import verification
from smartmfg.lib.choices import label_of
from smartmfg.lib.forms import add_errors, form_status, posted
from smartmfg.rules.facts import TIER_LABELS, TIERS


@require_GET
def verify_form(request: HttpRequest) -> HttpResponse:
    """第十条: type a certificate's number to see its status (a GET form: a lookup, bookmarkable)."""
    form = VerifyForm(request.GET if "number" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("opendata:verify", number=form.cleaned_data["number"])
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "certificates/verify_form.html", {"form": form}, status=status)


@require_GET
def verify(request: HttpRequest, number: str) -> HttpResponse:
    """第十条: the public facts of a certificate and its status now; an unknown number says so (404)."""
    canonical = normalise(number)
    if canonical and canonical != number:
        return redirect("opendata:verify", number=canonical)
    try:
        certificate = get_certificate_for_verification(request.user, number)
    except Http404:
        context = {"number": number, "form": VerifyForm(initial={"number": number})}
        return render(request, "certificates/verify_unknown.html", context, status=404)
    context = {"facts": verification(certificate), "form": VerifyForm()}
    return render(request, "certificates/verify.html", context)


@login_required
@require_GET
def certificate_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The certificate as PDF, for the Department and the enterprise it was issued to (404 to anyone else)."""
    certificate = get_certificate_for_user(request.user, pk)
    response = HttpResponse(documents.certificate_pdf(certificate), content_type=documents.PDF_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{certificate.number}.pdf") or ""
    response["X-Content-Type-Options"] = "nosniff"
    # The PDF states the status when it was made: never a stale copy from a cache.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def series(request: AuthedRequest, call: int) -> HttpResponse:
    """第十条: how a call's recognition numbers are written; the Department's, until the first is issued."""
    require(can_manage_certificate_series(request.user))
    the_call = get_call_for_user(request.user, call)
    current = series_of(the_call)
    change = can_change_certificate_series(request.user, current)
    form = SeriesForm(posted(request), series=current, disabled=not change)
    if request.method == "POST":
        require(change)
        if form.is_valid():
            try:
                do_save_certificate_series(
                    the_call,
                    number_format=form.cleaned_data["number_format"],
                    prefixes=form.prefixes(),
                    actor=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("已保存认定编号规则。"))
                return redirect("opendata:series", call=the_call.pk)
    context = {
        "call": the_call,
        "series": current,
        "form": form,
        "change": change,
        "preview": _preview(current),
        "certificates": _issued(current),
    }
    return render(request, "certificates/series.html", context, status=form_status(request, form))


def _preview(current: CertificateSeries) -> list[dict[str, str]]:
    """The first number of each tier, as the series writes it."""
    return [
        {
            "tier": label_of(TIER_LABELS, tier),
            "first": render_number(
                current.number_format, prefix=current.prefixes.get(tier, tier), year=current.call.year, seq=1
            ),
        }
        for tier in TIERS
    ]


def _issued(current: CertificateSeries) -> list[dict[str, object]]:
    if current.pk is None:
        return []
    certificates = current.certificates.select_related("publication", "application", "application__revocation")
    ordered = sorted(certificates, key=lambda c: (TIERS.index(c.tier) if c.tier in TIERS else len(TIERS), c.sequence))
    return [{"certificate": c, "facts": verification(c)} for c in ordered]
