"""The checklist of a visit, generated from the application (第九条: the experts check what it claims).

Deterministic, so the same application always gives the same list, in this
order: the equipment and software bought (the largest completed items by
amount, at most ``INVESTMENT_SAMPLE``, each with its invoice number); the
workshops or production lines in production (or the project itself when it
lists none); the typical scenarios of a future factory; the self-assessment
report. The texts are set in the platform's language (Chinese): they are
the record the experts sign.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from smartmfg.applications.models import Application, InvestmentItem
from smartmfg.rules.divisions import full_name

# 第五条至第七条第1款: what was bought and can be seen on site (not services, never civil works).
PRESENT_ON_SITE: Final = ("equipment", "software")
INVESTMENT_SAMPLE: Final = 5


@dataclass(frozen=True)
class Entry:
    kind: str
    subject: str
    claimed: str


def checklist_for(application: Application) -> list[Entry]:
    """What the experts check on site for ``application``, in order."""
    with translation.override(settings.LANGUAGE_CODE):
        return [
            *(_investment(item) for item in sampled_investments(application)),
            *_production(application),
            *_scenarios(application),
            _self_assessment(application),
        ]


def sampled_investments(application: Application) -> list[InvestmentItem]:
    """The largest completed equipment and software items (ties: the earlier row first)."""
    items = application.investments.filter(category__in=PRESENT_ON_SITE, status="completed")
    return list(items.order_by("-amount", "position", "id")[:INVESTMENT_SAMPLE])


def _investment(item: InvestmentItem) -> Entry:
    what = item.description or _("发票号码 %(invoice)s 所列") % {"invoice": item.invoice_no or "—"}
    claimed = _("发票号码：%(invoice)s；金额：%(amount)s元；日期：%(day)s") % {
        "invoice": item.invoice_no or _("未填写"),
        "amount": f"{item.amount:,.2f}",
        "day": item.occurred_on.isoformat(),
    }
    subject = _("%(category)s在场并按申报使用：%(what)s") % {"category": item.get_category_display(), "what": what}
    return Entry("investment", subject, claimed)


def _production(application: Application) -> list[Entry]:
    workshops = list(application.workshops.all())
    if workshops:
        return [
            Entry("workshop", _("车间（生产线）建成投产：%(name)s") % {"name": w.name}, w.description)
            for w in workshops
        ]
    division = full_name(application.project_division) if application.project_division else ""
    where = f"{division}{application.project_address}"
    if application.construction_status == "under_construction":
        subject = _("项目建设进度与申报相符：%(name)s") % {"name": application.project_name}
        day = application.expected_completion_on
        claimed = _("地点：%(where)s；预计建成投产日期：%(day)s")
    else:
        subject = _("项目建成投产：%(name)s") % {"name": application.project_name}
        day = application.production_started_on
        claimed = _("地点：%(where)s；建成投产日期：%(day)s")
    return [Entry("project", subject, claimed % {"where": where or "—", "day": day.isoformat() if day else "—"})]


def _scenarios(application: Application) -> list[Entry]:
    if application.tier != "future_factory":
        return []
    return [
        Entry(
            "scenario",
            _("典型场景按申报建成：%(title)s（%(area)s）") % {"title": s.title, "area": s.get_area_display()},
            s.description,
        )
        for s in application.scenarios.all()
    ]


def _self_assessment(application: Application) -> Entry:
    claimed = _("报告编号：%(no)s；成熟度等级：%(level)s；得分：%(score)s；评估日期：%(day)s") % {
        "no": application.maturity_report_no or "—",
        "level": application.get_maturity_level_display() if application.maturity_level else "—",
        "score": application.maturity_score if application.maturity_score is not None else "—",
        "day": application.maturity_assessed_on.isoformat() if application.maturity_assessed_on else "—",
    }
    return Entry("self_assessment", _("智能制造能力成熟度自评估报告与现场情况相符"), claimed)
