"""The certificates' adapter of ``StepTaken`` (第十条, 第十二条).

- ``publish``: the publication's lines are numbered, in the list's order
  (``do_issue_certificates``, idempotent: the first event of a publication
  numbers all its lines, the others find nothing left to do, and so does a
  re-delivery).
- ``publish``, ``revoke``, ``convert_cultivation``, ``drop_cultivation``:
  a published line's status changed, so the public API's cached answers are
  dropped at once rather than after their short lifetime.

Delivered after the step's transaction commits (``lib.events``): a failure
here never undoes the publication; ``smartmfg issue-certificates`` numbers
what was left.
"""

from __future__ import annotations

from typing import Final

from smartmfg.accounts.models import User
from smartmfg.certificates.actions import do_issue_certificates
from smartmfg.certificates.published import refresh_public_cache
from smartmfg.lib.events import subscribe
from smartmfg.notices.models import Publication
from smartmfg.workflow.events import StepTaken

CHANGES_A_PUBLISHED_LINE: Final = frozenset({"publish", "revoke", "convert_cultivation", "drop_cultivation"})


@subscribe(StepTaken)
def number_the_published_list(event: StepTaken) -> None:
    if event.action != "publish":
        return
    publication = (
        Publication.objects.select_related("call").filter(applications=event.application_id).order_by("-id").first()
    )
    if publication is not None:
        do_issue_certificates(publication, actor=User.objects.get(pk=event.actor_id))


@subscribe(StepTaken)
def forget_cached_lists(event: StepTaken) -> None:
    if event.action in CHANGES_A_PUBLISHED_LINE:
        refresh_public_cache()
