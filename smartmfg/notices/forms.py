"""Forms of the notice and publication pages (第十条)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartmfg.applications.models import Application
from smartmfg.calls.models import Call
from smartmfg.notices.actions import OFFLINE_CHANNELS, notice_period
from smartmfg.notices.models import Objection
from smartmfg.workflow.forms import MultipleFileField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ChosenApplications(forms.TypedMultipleChoiceField):
    """Application ids ticked on a list.

    Any id of the call is accepted here: whether each is still in the state
    the list showed is the action's question, which names those that moved.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(coerce=int, widget=forms.CheckboxSelectMultiple, **kwargs)

    def valid_value(self, value: Any) -> bool:
        return str(value).isdigit()


class StartNoticeForm(forms.Form):
    applications = ChosenApplications(label=_("公示名单"), error_messages={"required": _("请至少选择一项申报")})
    title = forms.CharField(label=_("公示标题"), max_length=200)
    starts_on = forms.DateField(label=_("公示开始日期"), widget=DATE)
    contact = forms.CharField(
        label=_("异议受理联系方式"), max_length=255, help_text=_("受理部门、电话、电子邮箱或地址")
    )
    body = forms.CharField(label=_("公示说明"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(
        self,
        *args: Any,
        call: Call,
        candidates: Sequence[Application],
        held: Mapping[int, Sequence[str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.candidates = list(candidates)
        self.held = held or {}
        self.fields["applications"].initial = [a.pk for a in self.candidates if a.pk not in self.held]
        self.fields["title"].initial = _("%(year)d年度吉林省数字化车间（生产线）、智能工厂和未来工厂拟认定名单公示") % {
            "year": call.year
        }
        self.fields["starts_on"].initial = today
        self.fields["starts_on"].help_text = _(
            "今天或以后；公示期自开始日起按%(days)d个工作日计算（已计入法定节假日和调休），今天开始则截止于%(end)s"
        ) % {"days": call.get_policy().notice_working_days, "end": notice_period(call, today).isoformat()}
        self.fields["body"].initial = _(
            "根据《吉林省数字化车间（生产线）、智能工厂和未来工厂培育认定实施细则（暂行）》第十条，"
            "现将审议通过的名单予以公示。如有异议，请在公示期内以书面形式向省工业和信息化厅反映，"
            "并提供联系方式和必要的证明材料。"
        )


class ExtendNoticeForm(forms.Form):
    """第十条: a later end for an open notice, with the reason."""

    ends_on = forms.DateField(label=_("新的公示截止日期"), widget=DATE)
    reason = forms.CharField(label=_("延长理由"), widget=forms.Textarea(attrs={"rows": 2}))


class ObjectionForm(forms.Form):
    """An objection received by letter, phone or visit, entered by the Department (online ones file themselves)."""

    application = forms.TypedChoiceField(label=_("被异议的申报"), coerce=int)
    channel = forms.ChoiceField(
        label=_("受理渠道"),
        choices=[(c.value, c.label) for c in OFFLINE_CHANNELS],
        initial=Objection.Channel.LETTER,
    )
    received_on = forms.DateField(label=_("收到日期"), widget=DATE)
    objector = forms.CharField(label=_("异议人"), max_length=128, required=False, help_text=_("单位或个人名称；可匿名"))
    objector_contact = forms.CharField(label=_("异议人联系方式"), max_length=128, required=False)
    content = forms.CharField(label=_("异议内容"), widget=forms.Textarea(attrs={"rows": 3}))
    documents = MultipleFileField(
        label=_("来信扫描件等证明材料（选填）"), required=False, help_text=_("PDF或图片（JPEG、PNG）")
    )

    def __init__(
        self, *args: Any, applications: Sequence[Application], last_day: dt.date | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["application"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [
            ("", "—"),
            *((a.pk, f"{a.reference} {a.enterprise.name}") for a in applications),
        ]
        today = timezone.localdate()
        self.fields["received_on"].initial = min(today, last_day) if last_day else today


class DecideObjectionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("处理结果"),
        choices=(("upheld", _("异议成立（移出名单）")), ("dismissed", _("异议不成立"))),
        widget=forms.RadioSelect,
    )
    outcome = forms.CharField(
        label=_("处理意见"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("记入申报的办理记录，企业和属地工信部门可见；请勿写入异议人的身份信息"),
    )
    reply = forms.CharField(
        label=_("答复异议人（选填）"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("异议人在专用链接查看（留有电子邮箱的同时发送邮件），企业看不到；也可以处理后再答复"),
    )


class EndNoticeForm(forms.Form):
    applications = ChosenApplications(label=_("公示无异议的申报"), required=False)


class PublishForm(forms.Form):
    applications = ChosenApplications(label=_("公布名单"), error_messages={"required": _("请至少选择一项申报")})
    document_number = forms.CharField(label=_("文号"), max_length=64, help_text=_("如：吉工信规划〔2026〕100号"))
    title = forms.CharField(label=_("标题"), max_length=200)
    published_on = forms.DateField(label=_("发文日期"), widget=DATE)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(
        self,
        *args: Any,
        call_year: int,
        candidates: Sequence[Application],
        held: Mapping[int, Sequence[str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        self.held = held or {}
        self.fields["applications"].initial = [a.pk for a in self.candidates if a.pk not in self.held]
        self.fields["title"].initial = _(
            "关于公布%(year)d年度吉林省数字化车间（生产线）、智能工厂和未来工厂名单的通知"
        ) % {"year": call_year}
        self.fields["published_on"].initial = timezone.localdate()
        self.fields["body"].initial = _(
            "根据《吉林省数字化车间（生产线）、智能工厂和未来工厂培育认定实施细则（暂行）》，"
            "经企业申报、属地推荐、资格复审、专家评审、审议和公示，现将名单予以公布。"
            "列入培育名单的项目，建成投产后按程序转为认定。"
        )
