"""The Department's steps on an application's page: their forms and the actions they run.

Registered with ``workflow.forms.register`` from ``EvaluationsConfig.ready()``,
so the generic step panel shows these forms and the generic step view runs
these actions (which move the state through ``transition``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application, ApplicationEvent
from smartmfg.evaluations import actions
from smartmfg.support.actions import paid
from smartmfg.workflow.forms import StepForm, register

YES_NO = (("yes", _("是")), ("no", _("否")))
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _yes(value: str) -> bool:
    return value == "yes"


def _relabel(form: StepForm, **labels: Any) -> None:
    """Name the generic fields for this step, and require them (these steps record both)."""
    for name, (label, help_text) in labels.items():
        field = form.fields[name]
        field.label = label
        field.help_text = help_text
        field.required = True


class ExpertConclusionForm(StepForm):
    score = forms.DecimalField(
        label=_("评审得分"), max_digits=5, decimal_places=2, min_value=0, max_value=100, help_text=_("0至100分")
    )
    recommended = forms.TypedChoiceField(
        label=_("专家推荐结论"),
        choices=(("yes", _("推荐认定")), ("no", _("不推荐"))),
        coerce=_yes,
        widget=forms.RadioSelect,
    )

    field_order = ("score", "recommended", "reason", "documents")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            reason=(_("专家评审意见"), ""),
            documents=(_("专家签字的评审结论"), _("扫描件，可上传多个文件")),
        )


class SpotCheckOrderForm(StepForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self, reason=(_("抽查事项"), _("需现场核实的内容，如投资真实性、系统运行和场景建设情况")))


class SpotCheckFindingsForm(StepForm):
    visited_on = forms.DateField(label=_("抽查日期"), widget=DATE)
    inspectors = forms.CharField(label=_("抽查人员"), max_length=255, help_text=_("参加现场抽查的专家和工作人员"))
    passed = forms.TypedChoiceField(
        label=_("抽查结果"),
        choices=(("yes", _("与申报材料相符")), ("no", _("与申报材料不符"))),
        coerce=_yes,
        widget=forms.RadioSelect,
    )

    field_order = ("visited_on", "inspectors", "passed", "reason", "documents")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self, reason=(_("抽查情况"), ""), documents=(_("现场抽查报告"), ""))


class ConvertCultivationForm(StepForm):
    production_started_on = forms.DateField(
        label=_("建成投产日期"),
        widget=DATE,
        help_text=_("须不晚于本批次培育项目的建成投产期限；晚于期限的不能转为认定"),
    )

    field_order = ("production_started_on", "reason", "documents")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.application is not None:
            deadline = self.application.call.get_policy().cultivation_deadline
            self.fields["production_started_on"].help_text = _(
                "须不晚于本批次培育项目的建成投产期限 %(deadline)s；晚于期限的不能转为认定"
            ) % {"deadline": deadline.isoformat()}
        _relabel(
            self,
            reason=(_("转为认定的理由"), _("项目建成投产情况")),
            documents=(_("建成投产的证明材料"), _("如竣工验收、投产证明等")),
        )


class RevokeForm(StepForm):
    document_number = forms.CharField(label=_("撤销文号"), max_length=64)
    revoked_on = forms.DateField(
        label=_("撤销日期"), widget=DATE, help_text=_("自该日起三年内不再受理该企业的认定申请")
    )
    subsidy_to_recover = forms.DecimalField(
        label=_("应收回奖补资金（元）"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("默认为已拨付的奖补资金，不能超过它"),
    )

    field_order = ("reason", "document_number", "revoked_on", "subsidy_to_recover", "documents")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["revoked_on"].initial = timezone.localdate()
        if self.application is not None:
            paid_out = paid(self.application)
            self.fields["subsidy_to_recover"].initial = paid_out
            self.fields["subsidy_to_recover"].help_text = _(
                "已拨付 %(paid)s 元；默认全部收回，不能超过已拨付的金额"
            ) % {"paid": f"{paid_out:,.2f}"}
        _relabel(
            self,
            reason=(_("撤销原因"), _("核实的弄虚作假情况")),
            documents=(_("核实材料"), _("证明弄虚作假的材料，可上传多个文件")),
        )


def _conclusion(application: Application, actor: User, form: Any) -> object:
    data = form.cleaned_data
    return actions.do_record_expert_conclusion(
        application,
        score=data["score"],
        recommended=data["recommended"],
        summary=data["reason"],
        files=data["documents"],
        actor=actor,
    )


def _order_spot_check(application: Application, actor: User, form: Any) -> object:
    return actions.do_order_spot_check(application, purpose=form.cleaned_data["reason"], actor=actor)


def _record_spot_check(application: Application, actor: User, form: Any) -> object:
    data = form.cleaned_data
    return actions.do_record_spot_check(
        application,
        visited_on=data["visited_on"],
        inspectors=data["inspectors"],
        findings=data["reason"],
        passed=data["passed"],
        files=data["documents"],
        actor=actor,
    )


def _convert(application: Application, actor: User, form: Any) -> ApplicationEvent:
    data = form.cleaned_data
    return actions.do_convert_cultivation(
        application,
        production_started_on=data["production_started_on"],
        reason=data["reason"],
        files=data["documents"],
        actor=actor,
    )


def _revoke(application: Application, actor: User, form: Any) -> object:
    data = form.cleaned_data
    return actions.do_revoke_recognition(
        application,
        reason=data["reason"],
        document_number=data["document_number"],
        revoked_on=data["revoked_on"],
        subsidy_to_recover=data["subsidy_to_recover"],
        files=data["documents"],
        actor=actor,
    )


def register_step_forms() -> None:
    register("record_expert_conclusion", ExpertConclusionForm, _conclusion)
    register("order_spot_check", SpotCheckOrderForm, _order_spot_check)
    register("record_spot_check", SpotCheckFindingsForm, _record_spot_check)
    register("convert_cultivation", ConvertCultivationForm, _convert)
    register("revoke", RevokeForm, _revoke)
