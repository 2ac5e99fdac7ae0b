"""The step forms: what each step of the workflow asks on a page, and the action it runs.

Plain steps need only a reason (where the table asks for one) and files
(where it accepts them): ``StepForm``, taken by ``transition`` itself. A step
that records more (the experts' score, a revocation's support to recover, a
return's deadline...) registers its own form and action with ``register``,
from its app's ``ready()``; the page, the generic step view and the API then
use them. Either way the state moves only through ``transition``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application, ApplicationEvent
from smartmfg.workflow.table import Step
from smartmfg.workflow.transition import transition


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class StepForm(forms.Form):
    """A step of the workflow: a reason where the table asks for one, files where it accepts them."""

    # The state the page showed: if it changed before the click arrives, the step is
    # refused as a conflict instead of being taken on a state the person never saw.
    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("意见或理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        error_messages={"required": _("请填写意见或理由")},
    )
    documents = MultipleFileField(label=_("附件"), required=False)

    def __init__(self, *args: Any, step: Step, application: Application | None = None, **kwargs: Any) -> None:
        """``application``: the one the step is for, when the form's defaults depend on it."""
        super().__init__(*args, **kwargs)
        self.step = step
        self.application = application
        self.fields["reason"].required = step.needs_reason
        if not step.accepts_files:
            del self.fields["documents"]


# Runs the step's action once the form is valid; what it returns (the event, the record) is not used.
Handler = Callable[[Application, User, Any], object]


@dataclass(frozen=True)
class StepUI:
    """A step's form (constructed with ``step=`` and ``application=``) and the action it runs."""

    form: type[StepForm]
    handler: Handler


def _plain(application: Application, actor: User, form: Any) -> ApplicationEvent:
    return transition(
        application,
        form.step.action,
        actor,
        seen=form.cleaned_data.get("seen") or None,
        reason=form.cleaned_data.get("reason", ""),
        files=form.cleaned_data.get("documents", []),
    )


PLAIN = StepUI(StepForm, _plain)
_REGISTRY: dict[str, StepUI] = {}


def register(action: str, form: type[StepForm], handler: Handler) -> None:
    """Give ``action`` its own form and action."""
    _REGISTRY[action] = StepUI(form, handler)


def ui_for(action: str) -> StepUI:
    return _REGISTRY.get(action, PLAIN)
