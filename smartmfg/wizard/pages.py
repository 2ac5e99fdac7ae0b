"""The pages of the application form, in order, and how far an application has come.

The form follows what the Rules ask of an application (第五条至第七条 and 第八条):
the enterprise, its project, the investment, the workshops of a smart
factory (第六条第3款) or the scenarios of a future factory (第七条第3款), the
maturity self-assessment (§2 and §4), the files, the commitment (第十二条) and
the submission. A page is "done" when what it asks for is filled in; whether
it is enough is the verdict's business, shown beside the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from smartmfg.applications.models import Application
from smartmfg.workflow.guards import REQUIRED_ATTACHMENTS


@dataclass(frozen=True)
class FormPage:
    slug: str
    label: Promise
    tiers: frozenset[str] | None = None  # None: every tier

    @property
    def url_name(self) -> str:
        return f"apply:{self.slug}"

    def applies_to(self, tier: str) -> bool:
        return self.tiers is None or tier in self.tiers


PAGES: tuple[FormPage, ...] = (
    FormPage("enterprise", _("企业信息")),
    FormPage("project", _("项目情况")),
    FormPage("investments", _("投资明细")),
    FormPage("workshops", _("数字化车间"), frozenset({"smart_factory"})),
    FormPage("scenarios", _("典型场景"), frozenset({"future_factory"})),
    FormPage("maturity", _("成熟度自评估")),
    FormPage("avoided", _("申请回避单位")),  # optional: organisations whose employees must not review it (第九条)
    FormPage("attachments", _("申报材料")),
    FormPage("commitment", _("承诺书")),
    FormPage("confirm", _("确认提交")),
)
PAGE_BY_SLUG = {page.slug: page for page in PAGES}


def pages_for(tier: str) -> list[FormPage]:
    """The pages of ``tier``'s form (a digital workshop has neither workshops nor scenarios)."""
    return [page for page in PAGES if page.applies_to(tier)]


def neighbours(tier: str, slug: str) -> tuple[FormPage | None, FormPage | None]:
    """The pages before and after ``slug`` in ``tier``'s form."""
    pages = pages_for(tier)
    index = [p.slug for p in pages].index(slug)
    before = pages[index - 1] if index > 0 else None
    after = pages[index + 1] if index + 1 < len(pages) else None
    return before, after


def completed_pages(application: Application) -> set[str]:
    """The slugs of the pages whose content is filled in (a few queries, none per row)."""
    done: set[str] = set()
    if application.enterprise.contacts.exists():
        done.add("enterprise")
    if _project_filled(application):
        done.add("project")
    if application.investments.exists():
        done.add("investments")
    if application.tier == "smart_factory" and application.workshops.exists():
        done.add("workshops")
    if application.tier == "future_factory" and application.scenarios.exists():
        done.add("scenarios")
    if application.maturity_level is not None and application.maturity_report_no:
        done.add("maturity")
    done.add("avoided")  # optional: an application asks no organisation to be avoided unless it wants to
    kinds = set(application.current_files().values_list("kind", flat=True))
    if all(kind in kinds for kind in REQUIRED_ATTACHMENTS):
        done.add("attachments")
    if application.commitment_accepted_at is not None:
        done.add("commitment")
    if not application.is_editable:
        done.add("confirm")
    return done


def _project_filled(application: Application) -> bool:
    if not (application.project_name and application.project_division and application.construction_status):
        return False
    if application.construction_status == "in_production":
        return application.production_started_on is not None
    return application.expected_completion_on is not None


def progress(application: Application, current: str) -> dict[str, Any]:
    """The progress bar: every page with its state (done, current, to do) and link."""
    done = completed_pages(application)
    pages = pages_for(application.tier)
    items = [
        {
            "number": n,
            "slug": page.slug,
            "label": page.label,
            "url": reverse(page.url_name, kwargs={"pk": application.pk}),
            "state": "current" if page.slug == current else ("done" if page.slug in done else "todo"),
            "done": page.slug in done,
        }
        for n, page in enumerate(pages, 1)
    ]
    return {"items": items, "done": sum(1 for i in items if i["done"]), "total": len(items)}
