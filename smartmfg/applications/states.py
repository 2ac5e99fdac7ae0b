"""The states of an application (domain.md §4). Codes never change once used."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待初审")
    WITHDRAWN = "withdrawn", _("已撤回")
    RETURNED = "returned", _("退回修改")
    BUREAU_REJECTED = "bureau_rejected", _("初审未通过")
    BUREAU_PASSED = "bureau_passed", _("初审通过")
    RECOMMENDED = "recommended", _("已推荐（待资格复审）")
    DEPARTMENT_REJECTED = "department_rejected", _("资格复审未通过")
    EXPERT_REVIEW = "expert_review", _("专家评审中")
    EXPERT_RECOMMENDED = "expert_recommended", _("专家推荐")
    EXPERT_NOT_RECOMMENDED = "expert_not_recommended", _("专家未推荐")
    APPROVED = "approved", _("审议通过（待公示）")
    DELIBERATION_REJECTED = "deliberation_rejected", _("审议未通过")
    IN_NOTICE = "in_notice", _("公示中")
    OBJECTION_UPHELD = "objection_upheld", _("异议成立")
    NOTICE_PASSED = "notice_passed", _("公示无异议（待发文）")
    RECOGNISED = "recognised", _("已认定")
    CULTIVATING = "cultivating", _("培育中")
    CULTIVATION_DROPPED = "cultivation_dropped", _("培育未通过")
    REVOKED = "revoked", _("已撤销认定")
    # The Department takes an application off the list when a rule no longer holds (domain.md §6).
    DISQUALIFIED = "disqualified", _("不符合认定条件（不予认定）")
    # 第十二条: ended with the revocation of another recognition of the enterprise for fraud.
    REFUSED_UNDER_BAN = "refused_under_ban", _("不予受理（第十二条）")


# The enterprise may edit its application only in these states.
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED, Status.WITHDRAWN})

# Where the application ends; nothing but revocation follows some of them.
FINAL = frozenset(
    {
        Status.BUREAU_REJECTED,
        Status.DEPARTMENT_REJECTED,
        Status.EXPERT_NOT_RECOMMENDED,
        Status.DELIBERATION_REJECTED,
        Status.OBJECTION_UPHELD,
        Status.CULTIVATION_DROPPED,
        Status.REVOKED,
        Status.DISQUALIFIED,
        Status.REFUSED_UNDER_BAN,
    }
)

# Where an application still goes on: what a revocation for fraud ends (第十二条).
OPEN = frozenset(set(Status) - FINAL - {Status.RECOGNISED, Status.CULTIVATING})


class Track(models.TextChoices):
    RECOGNITION = "recognition", _("认定")
    CULTIVATION = "cultivation", _("培育")
