"""Forms of objections (第十条): the public's, the Department's questions and replies, the enterprise's answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from smartmfg.lib.forms import add_errors
from smartmfg.notices.answers import check_answers, check_evidence, max_chars, max_files
from smartmfg.notices.models import Objection
from smartmfg.workflow.forms import MultipleFileField

TEXTAREA = {"rows": 8}


class PublicObjectionForm(forms.Form):
    """The public's objection to one entry: who (real name), how to reach them, the facts, the evidence.

    Every field is checked by ``answers.check_answers`` (the rule filing runs
    again); evidence files are checked one by one, and those that pass are
    kept on the draft (``accepted_uploads``) even when another field is wrong,
    so nobody uploads the same file twice.
    """

    objector_kind = forms.ChoiceField(
        label=_("以何种名义提出异议"),
        choices=Objection.ObjectorKind.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    name = forms.CharField(
        label=_("真实姓名"),
        required=False,
        help_text=_("异议须实名提出；以单位名义提出的，填写经办人姓名"),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=_("单位名称"),
        required=False,
        help_text=_("以单位名义提出时填写，与营业执照一致"),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    organisation_uscc = forms.CharField(
        label=_("单位统一社会信用代码"),
        required=False,
        help_text=_("以单位名义提出时填写：18位，见营业执照"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("手机号码"),
        required=False,
        help_text=_("11位手机号码，用于核实情况时联系您；不会告知被异议的企业"),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "numeric"}),
    )
    email = forms.CharField(
        label=_("电子邮箱（选填）"),
        required=False,
        help_text=_("填写后，回执和答复将同时发送到该邮箱"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    content = forms.CharField(label=_("异议的事实和理由"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    evidence = MultipleFileField(label=_("证明材料（选填）"), required=False)
    pledge = forms.BooleanField(
        label=_("本人承诺所反映的情况真实，并愿意配合省工信厅核实；如有捏造、诬告，愿承担相应责任。"),
        required=False,
    )
    challenge_answer = forms.CharField(
        label=_("验证题"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, max_mb: int, kept: int = 0, question: str | None = None, **kwargs: Any) -> None:
        """``kept``: evidence files already on the draft; ``question``: the challenge, None once a draft exists."""
        super().__init__(*args, **kwargs)
        self.max_mb = max_mb
        self.kept = kept
        self.accepted_uploads: list[UploadedFile] = []
        self.fields["content"].help_text = _(
            "写明对该项目哪些内容有异议、所依据的事实，最多%(n)d个字；详细情况可作为证明材料上传"
        ) % {"n": max_chars()}
        self.fields["content"].widget.attrs["maxlength"] = str(max_chars())
        self.fields["evidence"].help_text = _(
            "PDF或图片（JPEG、PNG），按文件内容识别；最多%(files)d个文件，每个不超过%(mb)d MB；可一次选择多个"
        ) % {"files": max_files(), "mb": max_mb}
        self.fields["evidence"].widget.attrs["accept"] = "application/pdf,image/jpeg,image/png"
        if question is None:
            del self.fields["challenge_answer"]
        else:
            self.fields["challenge_answer"].label = _("验证题：%(question)s") % {"question": question}
            self.fields["challenge_answer"].help_text = _("请用阿拉伯数字填写得数，用于防止自动程序批量提交")

    def clean_evidence(self) -> list[UploadedFile]:
        uploads: list[UploadedFile] = self.cleaned_data.get("evidence") or []
        if self.kept + len(uploads) > max_files():
            raise ValidationError(
                _("证明材料最多%(max)d个文件（已保存%(kept)d个，本次选择了%(new)d个），请合并或删减后上传")
                % {"max": max_files(), "kept": self.kept, "new": len(uploads)}
            )
        problems: list[str] = []
        for upload in uploads:
            try:
                check_evidence(upload, max_mb=self.max_mb)
            except ValidationError as error:
                problems.extend(error.messages)
            else:
                self.accepted_uploads.append(upload)
        if problems:
            raise ValidationError(
                [*problems, _("其余文件已保存，请重新选择未通过的文件")] if self.accepted_uploads else problems
            )
        return uploads

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            cleaned.update(check_answers(cleaned))
        except ValidationError as error:
            add_errors(self, error)
        return cleaned


class AskEnterpriseForm(forms.Form):
    question = forms.CharField(
        label=_("请企业说明的问题"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("企业只看到这里填写的问题，看不到异议内容和异议人；请勿写入异议人的身份信息"),
    )


class ReplyObjectorForm(forms.Form):
    reply = forms.CharField(
        label=_("答复异议人"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("异议人在专用链接查看答复（留有电子邮箱的同时发送邮件）；企业看不到答复内容。答复后不能修改。"),
    )


class AnswerObjectionForm(forms.Form):
    """The enterprise's statement on the Department's question, with files (its answer, once)."""

    reason = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 8}))
    documents = MultipleFileField(label=_("附件（选填）"), required=False, help_text=_("证明材料，可一次选择多个"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = _("针对省工信厅的问题逐项说明，最多%(n)d个字") % {"n": max_chars()}
