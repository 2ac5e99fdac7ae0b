"""一项目一评价: the Department rates each expert's work after a call (第九条, domain.md §7)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from smartmfg.accounts.models import User
from smartmfg.audit.actions import assign_changes
from smartmfg.calls.models import Call
from smartmfg.experts.actions.common import log
from smartmfg.experts.models import Expert, Rating


def do_rate_expert(expert: Expert, call: Call, *, timeliness: int, diligence: int, notes: str, actor: User) -> Rating:
    """Rate (or correct the rating of) one expert for one call; a correction keeps the old values in the audit."""
    values = {"timeliness": timeliness, "diligence": diligence, "notes": notes.strip()}
    with transaction.atomic():
        rating = Rating.objects.select_for_update().filter(expert=expert, call=call).first()
        if rating is None:
            rating = Rating(expert=expert, call=call, rated_by=actor, **values)
            rating.full_clean()
            rating.save()
            changes = {}
        else:
            changes = assign_changes(rating, values)
            rating.full_clean()
            rating.save(update_fields=[*changes])
        log(
            actor,
            "rate_expert",
            expert,
            _("评价专家 %(code)s（%(call)s）") % {"code": expert.code, "call": call.title},
            changes=changes,
        )
        return rating
