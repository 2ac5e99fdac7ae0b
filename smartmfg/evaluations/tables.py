"""The work lists of the Department's stages: one base table, a few columns per stage."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from smartmfg.applications.models import Application
from smartmfg.enterprises.models import Revocation
from smartmfg.lib.tables import MoneyColumn, Table

NUM = {"td": {"class": "num"}, "th": {"class": "num"}}
HEAD = ("reference", "enterprise", "project_name", "tier", "region")


def letter_url(pk: int) -> str | None:
    """The letter's page in the bureaus' area, once that area has one."""
    try:
        return reverse("reviews:letter_detail", args=[pk])
    except NoReverseMatch:
        return None


class StageTable(Table):
    """The columns every stage shows: which application, whose, what, where, and its state."""

    reference = tables.Column(verbose_name=_("申报编号"))
    enterprise = tables.Column(accessor="enterprise__name", verbose_name=_("申报企业"))
    project_name = tables.Column(verbose_name=_("项目名称"))
    tier = tables.Column(verbose_name=_("申报类别"))
    region = tables.Column(accessor="jurisdiction__area", verbose_name=_("地区"))
    status = tables.Column(verbose_name=_("状态"))

    class Meta(Table.Meta):
        model = Application
        fields: tuple[str, ...] = ()
        sequence: tuple[str, ...] = (*HEAD, "status")
        order_by = ("reference",)

    def render_reference(self, value: str, record: Application) -> Any:
        return format_html('<a href="{}">{}</a>', reverse("applications:detail", args=[record.pk]), value)

    def render_tier(self, record: Application) -> Any:
        return record.get_tier_display()

    def render_status(self, record: Application) -> Any:
        return format_html('<span class="status">{}</span>', record.get_status_display())

    def value_reference(self, value: str) -> str:
        return value

    def value_tier(self, record: Application) -> str:
        return str(record.get_tier_display())

    def value_status(self, record: Application) -> str:
        return str(record.get_status_display())


class RequalifyTable(StageTable):
    """待资格复审 (第九条): with the bureaus' letters that recommended each application."""

    verdict_eligible = tables.BooleanColumn(verbose_name=_("符合条件"), yesno="✔,✘")
    applied_on = tables.DateColumn(verbose_name=_("申报日期"), format="Y-m-d")
    letters = tables.Column(verbose_name=_("推荐函"), empty_values=(), orderable=False)

    class Meta(StageTable.Meta):
        sequence = (*HEAD, "verdict_eligible", "applied_on", "letters", "status")

    def render_letters(self, record: Application) -> Any:
        letters = list(record.letters.all())  # prefetched: sent letters with their sender
        if not letters:
            return "—"
        rows = []
        for letter in letters:
            url = letter_url(letter.pk)
            label = f"{letter.document_number}（{letter.sender.name}）"
            rows.append(format_html('<a href="{}">{}</a>', url, label) if url else label)
        return format_html_join(mark_safe("<br>"), "{}", ((r,) for r in rows))

    def value_letters(self, record: Application) -> str:
        return "；".join(f"{letter.document_number}（{letter.sender.name}）" for letter in record.letters.all())

    def value_verdict_eligible(self, value: bool | None) -> str:
        return {True: str(_("是")), False: str(_("否")), None: ""}[value]


class ExpertTable(StageTable):
    """专家评审 (第九条): the latest conclusion and the state of spot checks."""

    latest_score = tables.Column(verbose_name=_("评审得分"), attrs=NUM)
    latest_recommended = tables.BooleanColumn(verbose_name=_("专家推荐"), yesno="✔,✘")
    spot_check = tables.Column(verbose_name=_("现场抽查"), empty_values=(), order_by=("spot_pending",))

    class Meta(StageTable.Meta):
        sequence = (*HEAD, "latest_score", "latest_recommended", "spot_check", "status")

    def render_latest_score(self, value: Decimal) -> str:
        return f"{value:.2f}"

    def value_latest_score(self, value: Decimal | None) -> str:
        return "" if value is None else f"{value:.2f}"

    def render_spot_check(self, record: Any) -> Any:
        text, css = self._spot_check(record)
        return format_html('<span class="status {}">{}</span>', css, text) if text else "—"

    def value_spot_check(self, record: Any) -> str:
        return str(self._spot_check(record)[0])

    def value_latest_recommended(self, value: bool | None) -> str:
        return {True: str(_("推荐")), False: str(_("不推荐")), None: ""}[value]

    @staticmethod
    def _spot_check(record: Any) -> tuple[Any, str]:
        if record.spot_pending:
            return _("待录入结果"), "wait"
        if record.spot_failed:
            return _("与申报材料不符"), "bad"
        if record.spot_passed:
            return _("与申报材料相符"), "good"
        return "", ""


class CultivationTable(StageTable):
    """培育中 (第五条至第七条第1款): when each project expects to be in production."""

    expected_completion_on = tables.DateColumn(verbose_name=_("预计建成投产日期"), format="Y-m-d")

    class Meta(StageTable.Meta):
        sequence = (*HEAD, "expected_completion_on", "status")


class RevocationTable(Table):
    """撤销认定 (第十二条): what each revocation asks back, and what is still owed."""

    revoked_on = tables.DateColumn(verbose_name=_("撤销日期"), format="Y-m-d")
    enterprise = tables.Column(accessor="enterprise__name", verbose_name=_("企业"))
    application = tables.Column(accessor="application__reference", verbose_name=_("被撤销的认定"))
    document_number = tables.Column(verbose_name=_("撤销文号"))
    paid = MoneyColumn(verbose_name=_("已拨付（元）"))
    subsidy_to_recover = MoneyColumn(verbose_name=_("应收回（元）"))
    recovered = MoneyColumn(verbose_name=_("已收回（元）"))
    owed = MoneyColumn(verbose_name=_("尚未收回（元）"))

    class Meta(Table.Meta):
        model = Revocation
        fields = ()
        sequence = (
            "revoked_on",
            "enterprise",
            "application",
            "document_number",
            "paid",
            "subsidy_to_recover",
            "recovered",
            "owed",
        )
        order_by = ("-revoked_on",)

    def render_enterprise(self, value: str, record: Revocation) -> Any:
        return format_html('<a href="{}">{}</a>', reverse("department:revocation", args=[record.pk]), value)

    def value_enterprise(self, value: str) -> str:
        return value
