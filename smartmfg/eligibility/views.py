"""The call's policy page (第十四条): every parameter, a preview of what a change would change, the saving."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from smartmfg.access import can_manage_calls, get_call_for_user, require, visible_applications
from smartmfg.accounts.http import AuthedRequest
from smartmfg.calls.forms import PolicyForm, display_text, field_name, parameter_label
from smartmfg.eligibility.actions import do_change_policy
from smartmfg.eligibility.verdicts import KIND_LABELS, KINDS, WhatIf, what_if
from smartmfg.lib.choices import current_lang
from smartmfg.lib.forms import add_errors, form_status, is_htmx, posted
from smartmfg.rules.checks import RULE_LABELS

# A what-if lists at most this many applications on the page; the command lists them all.
WHATIF_SHOWN = 500


@login_required
@require_http_methods(["GET", "POST"])
def policy(request: AuthedRequest, pk: int) -> HttpResponse:
    """Edit the policy: “预览影响” shows the what-if (htmx fragment, or the whole page), “保存” records it."""
    require(can_manage_calls(request.user))
    call = get_call_for_user(request.user, pk)
    previewing = "_preview" in request.POST
    form = PolicyForm(posted(request), policy=call.get_policy(), saving=not previewing)
    context: dict[str, Any] = {"call": call, "form": form}
    if request.method == "POST" and form.is_valid() and form.proposed is not None:
        if previewing:
            applications = visible_applications(request.user).filter(call=call)
            context["whatif"] = whatif_context(what_if(call, form.proposed, applications=applications))
        else:
            try:
                do_change_policy(call, form.changes(), reason=form.cleaned_data["reason"], actor=request.user)
            except ValidationError as error:
                add_errors(form, error, rename=field_name)
            else:
                messages.success(request, _("认定条件参数已保存，本批次申报的条件判定已按新参数更新。"))
                return redirect("calls:detail", pk=call.pk)
    if previewing and is_htmx(request):
        # The fragment carries its own error summary; htmx swaps only successful answers.
        return render(request, "calls/_whatif.html", context)
    return render(request, "calls/policy.html", context, status=form_status(request, form))


def whatif_context(result: WhatIf) -> dict[str, Any]:
    """What the what-if fragment shows, with labels in the user's language."""
    lang = current_lang()
    names = {r.key: r.name for r in result.regions}
    changes = [
        {
            "change": change,
            "region": names.get(change.region, ""),
            "kind": KIND_LABELS[change.kind][lang],
            "rules": [(RULE_LABELS[rule][lang], before, after) for rule, before, after in change.rules],
        }
        for change in result.changes[:WHATIF_SHOWN]
    ]
    return {
        "result": result,
        "kind_labels": [KIND_LABELS[kind][lang] for kind in KINDS],
        "totals": [(KIND_LABELS[kind][lang], result.count(kind)) for kind in KINDS],
        "by_tier": result.by_tier(),
        "by_region": result.by_region(),
        "changes": changes,
        "hidden": max(0, result.changed - WHATIF_SHOWN),
        "diff": [
            (parameter_label(name), display_text(name, old), display_text(name, new)) for name, old, new in result.diff
        ],
    }
