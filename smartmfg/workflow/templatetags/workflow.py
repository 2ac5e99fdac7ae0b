"""``{{ event|step_label }}``: the name of the step an event of the history records (its row of the table)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from smartmfg.workflow.table import STEP_BY_ACTION

register = template.Library()

# Events of the history that are no step of the table: what the platform records about an application.
EVENT_LABELS = {"policy_changed": _("认定条件参数调整")}


@register.filter
def step_label(event: Any) -> str:
    step = STEP_BY_ACTION.get(event.action)
    if step is not None:
        return str(step.label)
    return str(EVENT_LABELS.get(event.action, event.action))
