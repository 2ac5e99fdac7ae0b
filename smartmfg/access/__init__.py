"""Who may see and do what: the one place that answers it.

Three kinds of helpers, used by every view, API endpoint and queryset:

- ``visible_<nouns>(user)``: the queryset of what ``user`` may see;
- ``get_<noun>_for_user(user, pk)``: one object, or ``Http404`` exactly as
  if it did not exist when the user may not see it;
- ``can_<action>(user, obj) -> Decision``: whether the user may act, and if
  not, why (the reason is shown on the disabled button); ``require`` turns a
  refusal into ``PermissionDenied``.

Workflow steps are allowed by the workflow table (``workflow.table``);
``can_take`` asks it (``workflow.permissions``, re-exported here). One
module per area; import everything from here.
"""

from __future__ import annotations

from smartmfg.access import certificates as _certificates
from smartmfg.access import objections as _objections
from smartmfg.access import public_notices as _public_notices
from smartmfg.access import scoring as _scoring
from smartmfg.access import visits as _visits
from smartmfg.access.applications import (
    can_edit_application,
    can_start_application,
    enterprise_ban,
    get_application_for_user,
    visible_applications,
)
from smartmfg.access.calls import (
    can_close_call,
    can_import_applications,
    can_manage_api_tokens,
    can_manage_calls,
    can_open_call,
    get_call_for_user,
    visible_calls,
)
from smartmfg.access.certificates import *  # noqa: F403  (each of these modules lists its names in __all__)
from smartmfg.access.core import (
    ALLOW,
    AnyUser,
    Decision,
    deny,
    get_or_404,
    require,
    visible_messages,
)
from smartmfg.access.enterprises import (
    can_edit_enterprise,
    can_record_about_enterprise,
    get_enterprise_for_user,
    visible_enterprises,
)
from smartmfg.access.experts import (
    can_answer_invitation,
    can_declare_on_seat,
    can_manage_experts,
    expert_of,
    get_draw_for_user,
    get_draw_record_for_user,
    get_expert_for_user,
    get_invitation_for_user,
    get_seat_for_user,
    visible_draw_records,
    visible_draws,
    visible_experts,
    visible_invitations,
    visible_seats,
)
from smartmfg.access.objections import *  # noqa: F403
from smartmfg.access.public_notices import *  # noqa: F403
from smartmfg.access.reviews import (
    JUDGED_RULES,
    can_change_letter,
    can_draft_letter,
    can_record_judgement,
    get_letter_for_user,
    held_applications,
    visible_letters,
)
from smartmfg.access.scoring import *  # noqa: F403
from smartmfg.access.stages import (
    can_run_stages,
    get_deliberation_for_user,
    get_notice_for_user,
    get_objection_for_user,
    get_publication_for_user,
    get_revocation_for_user,
    visible_deliberations,
    visible_notices,
    visible_publications,
    visible_revocations,
)
from smartmfg.access.support import can_manage_support, get_support_grant_for_user, visible_support_grants
from smartmfg.access.visits import *  # noqa: F403
from smartmfg.access.workspaces import (
    can_apply,
    can_evaluate,
    can_review,
    can_see_enterprises,
    can_see_review_records,
    can_use_department_pages,
)
from smartmfg.workflow.permissions import acts_for, available_steps, can_take

__all__ = [
    "ALLOW",
    "JUDGED_RULES",
    "AnyUser",
    "Decision",
    "acts_for",
    "available_steps",
    "can_answer_invitation",
    "can_apply",
    "can_change_letter",
    "can_close_call",
    "can_declare_on_seat",
    "can_draft_letter",
    "can_edit_application",
    "can_edit_enterprise",
    "can_evaluate",
    "can_import_applications",
    "can_manage_api_tokens",
    "can_manage_calls",
    "can_manage_experts",
    "can_manage_support",
    "can_open_call",
    "can_record_about_enterprise",
    "can_record_judgement",
    "can_review",
    "can_run_stages",
    "can_see_enterprises",
    "can_see_review_records",
    "can_start_application",
    "can_take",
    "can_use_department_pages",
    "deny",
    "enterprise_ban",
    "expert_of",
    "get_application_for_user",
    "get_call_for_user",
    "get_deliberation_for_user",
    "get_draw_for_user",
    "get_draw_record_for_user",
    "get_enterprise_for_user",
    "get_expert_for_user",
    "get_invitation_for_user",
    "get_letter_for_user",
    "get_notice_for_user",
    "get_objection_for_user",
    "get_or_404",
    "get_publication_for_user",
    "get_revocation_for_user",
    "get_seat_for_user",
    "get_support_grant_for_user",
    "held_applications",
    "require",
    "visible_applications",
    "visible_calls",
    "visible_deliberations",
    "visible_draw_records",
    "visible_draws",
    "visible_enterprises",
    "visible_experts",
    "visible_invitations",
    "visible_letters",
    "visible_messages",
    "visible_notices",
    "visible_publications",
    "visible_revocations",
    "visible_seats",
    "visible_support_grants",
]
__all__ += _scoring.__all__ + _visits.__all__ + _public_notices.__all__ + _objections.__all__ + _certificates.__all__
