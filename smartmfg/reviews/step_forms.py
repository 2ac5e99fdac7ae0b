"""The bureau's step that records more than a reason: a return for correction with its response deadline."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application, ApplicationEvent
from smartmfg.reviews.actions import default_response_deadline, do_return_for_correction
from smartmfg.workflow.forms import StepForm, register

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReturnForm(StepForm):
    respond_by = forms.DateField(
        label=_("重新提交期限"),
        widget=DATE,
        required=False,
        help_text=_(
            "企业须在此日期（含）前修改并重新提交；本批次申报截止后也可在期限内重新提交。留空则按本批次规定的工作日数计算。"
        ),
    )

    field_order = ("reason", "respond_by")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("退回理由")
        if self.application is not None:
            self.fields["respond_by"].initial = default_response_deadline(self.application)


def _return(application: Application, actor: User, form: Any) -> ApplicationEvent:
    data = form.cleaned_data
    return do_return_for_correction(application, reason=data["reason"], respond_by=data["respond_by"], actor=actor)


def register_step_forms() -> None:
    register("bureau_return", ReturnForm, _return)
