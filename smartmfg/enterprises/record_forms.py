"""Forms of the records about an enterprise that eligibility reads (第四条, definition (八)).

Bureaus of the enterprise's jurisdiction (or above) and the Department
append them; each kind has its form and its action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from smartmfg.enterprises.actions import do_record_credit_check, do_record_major_incident, do_record_violation
from smartmfg.enterprises.models import CreditCheck, MajorIncident, Violation


class DateInput(forms.DateInput):
    input_type = "date"


class _RecordForm(forms.ModelForm):  # type: ignore[type-arg]
    """Dates of records are facts of the past: never after today (Asia/Shanghai)."""

    date_field = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day = data.get(self.date_field)
        if day is not None and day > timezone.localdate():
            self.add_error(self.date_field, _("不能晚于今天"))
        return data


class CreditCheckForm(_RecordForm):
    date_field = "checked_on"

    class Meta:
        model = CreditCheck
        fields = ("rating", "on_abnormal_list", "on_serious_dishonesty_list", "checked_on", "source")
        widgets = {"checked_on": DateInput()}
        help_texts = {
            "on_abnormal_list": _("国家企业信用信息公示系统（gsxt.gov.cn）"),
            "on_serious_dishonesty_list": _("信用中国（creditchina.gov.cn）"),
            "source": _("如：信用中国、国家企业信用信息公示系统，及查询日期的截图编号"),
        }


class ViolationForm(_RecordForm):
    date_field = "occurred_on"

    class Meta:
        model = Violation
        fields = ("occurred_on", "description", "source")
        widgets = {"occurred_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"source": _("如：行政处罚决定书文号")}


class MajorIncidentForm(_RecordForm):
    date_field = "occurred_on"

    class Meta:
        model = MajorIncident
        fields = ("occurred_on", "kind", "description", "source")
        widgets = {"occurred_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"source": _("如：事故调查报告或通报文号")}


# kind (in the URL) -> (what it is, its form)
RECORD_FORMS: dict[str, tuple[Promise, type[_RecordForm]]] = {
    "credit_check": (_("信用核查"), CreditCheckForm),
    "violation": (_("违法行为"), ViolationForm),
    "major_incident": (_("重大安全、质量、环境问题"), MajorIncidentForm),
}


def record_action(kind: str) -> Callable[..., Any]:
    """The action that appends a record of ``kind`` (called with the enterprise, the fields and ``actor``)."""
    actions: dict[str, Callable[..., Any]] = {
        "credit_check": do_record_credit_check,
        "violation": do_record_violation,
        "major_incident": do_record_major_incident,
    }
    return actions[kind]
