"""Writes of the Department's stages, one module each: the experts' conclusion and spot checks (第九条),
deliberation (第十条), cultivation (第五条至第七条第1款) and revocation (第十二条).

Each action checks the permission itself (the workflow table does, through
``transition``, for the steps), runs in one transaction and leaves its
history: an ``ApplicationEvent`` for every step, an audit entry for the
other writes.
"""

from smartmfg.evaluations.actions.cultivation import do_convert_cultivation, send_cultivation_reminders
from smartmfg.evaluations.actions.deliberation import Ruling, do_record_deliberation
from smartmfg.evaluations.actions.experts import do_order_spot_check, do_record_expert_conclusion, do_record_spot_check
from smartmfg.evaluations.actions.revocation import (
    do_record_recovery,
    do_revoke_recognition,
    other_open_applications,
    other_recognitions,
    outstanding,
    recovered,
)

__all__ = [
    "Ruling",
    "do_convert_cultivation",
    "do_order_spot_check",
    "do_record_deliberation",
    "do_record_expert_conclusion",
    "do_record_recovery",
    "do_record_spot_check",
    "do_revoke_recognition",
    "other_open_applications",
    "other_recognitions",
    "outstanding",
    "recovered",
    "send_cultivation_reminders",
]
