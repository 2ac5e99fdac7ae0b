"""The visits' writes (第九条), one module per concern; import them from here."""

from smartmfg.visits.actions.reports import (
    do_add_visit_photo,
    do_remove_visit_photo,
    do_save_visit_items,
    do_sign_visit,
)
from smartmfg.visits.actions.scheduling import do_schedule_visit
from smartmfg.visits.actions.spot_draws import (
    do_create_spot_draw,
    do_freeze_spot_draw,
    do_pick_for_visit,
    do_run_spot_draw,
)

__all__ = [
    "do_add_visit_photo",
    "do_create_spot_draw",
    "do_freeze_spot_draw",
    "do_pick_for_visit",
    "do_remove_visit_photo",
    "do_run_spot_draw",
    "do_save_visit_items",
    "do_schedule_visit",
    "do_sign_visit",
]
