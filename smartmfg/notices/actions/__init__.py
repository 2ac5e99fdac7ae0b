"""Writes of 第十条 after deliberation: the public notice, objections, the end of the notice, publication.

One module per noun (``notice``, ``objections``, ``publication``); every
action is importable from here.
"""

from __future__ import annotations

from smartmfg.notices.actions.notice import (
    can_end,
    do_end_notice,
    do_extend_notice,
    do_start_notice,
    in_notice,
    notice_period,
    required,
)
from smartmfg.notices.actions.objections import (
    OFFLINE_CHANNELS,
    PUBLIC_ROLE,
    do_answer_objection,
    do_ask_enterprise,
    do_decide_objection,
    do_file_objection,
    do_record_objection,
    do_reply_objector,
    do_save_draft,
    next_receipt_number,
    public_account,
    purge_expired_drafts,
)
from smartmfg.notices.actions.publication import do_publish, entry, outcome

__all__ = [
    "OFFLINE_CHANNELS",
    "PUBLIC_ROLE",
    "can_end",
    "do_answer_objection",
    "do_ask_enterprise",
    "do_decide_objection",
    "do_end_notice",
    "do_extend_notice",
    "do_file_objection",
    "do_publish",
    "do_record_objection",
    "do_reply_objector",
    "do_save_draft",
    "do_start_notice",
    "entry",
    "in_notice",
    "next_receipt_number",
    "notice_period",
    "outcome",
    "public_account",
    "purge_expired_drafts",
    "required",
]
