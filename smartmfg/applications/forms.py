"""Forms of the application pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from smartmfg.applications.models import Application
from smartmfg.applications.workflow import Step


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
