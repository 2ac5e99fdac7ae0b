"""The experts' writes (第九条), one module per concern; import them from here."""

from smartmfg.experts.actions.assignment import do_commit_proposal, do_compute_proposal, do_set_pair_rule
from smartmfg.experts.actions.conflicts import (
    do_declare_conflict,
    do_declare_no_conflict,
    do_record_conflict,
    do_waive_conflict,
)
from smartmfg.experts.actions.draws import (
    do_create_draw,
    do_exclude_expert,
    do_freeze_draw,
    do_run_draw,
    do_update_draw,
)
from smartmfg.experts.actions.invitations import (
    do_accept_invitation,
    do_decline_invitation,
    do_expire_invitations,
    do_release_expert,
)
from smartmfg.experts.actions.pool import do_add_expert, do_change_expert_status, do_update_expert
from smartmfg.experts.actions.ratings import do_rate_expert

__all__ = [
    "do_accept_invitation",
    "do_add_expert",
    "do_change_expert_status",
    "do_commit_proposal",
    "do_compute_proposal",
    "do_create_draw",
    "do_declare_conflict",
    "do_declare_no_conflict",
    "do_decline_invitation",
    "do_exclude_expert",
    "do_expire_invitations",
    "do_freeze_draw",
    "do_rate_expert",
    "do_record_conflict",
    "do_release_expert",
    "do_run_draw",
    "do_set_pair_rule",
    "do_update_draw",
    "do_update_expert",
    "do_waive_conflict",
]
