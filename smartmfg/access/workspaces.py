"""Whose workspace a page belongs to: each role's pages, refused to anyone else (403: they exist, not for you).

Objects on those pages are still fetched through ``get_<noun>_for_user``
(404 for what the user may not see); these predicates only say whose pages
they are.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from smartmfg.accounts.identity import AnyUser, roles_held
from smartmfg.accounts.roles import Role
from smartmfg.lib.decisions import ALLOW, Decision, deny

NOT_YOURS = _("您没有访问此页面的权限")


def _holds(user: AnyUser, *roles: Role) -> Decision:
    return ALLOW if set(roles) & set(roles_held(user)) else deny(NOT_YOURS)


def can_apply(user: AnyUser) -> Decision:
    """The enterprise's pages: its home, its profile, its application form (第八条)."""
    return _holds(user, Role.ENTERPRISE)


def can_review(user: AnyUser) -> Decision:
    """The local bureau's pages: its queue of initial reviews, its letters (第八条)."""
    return _holds(user, Role.BUREAU)


def can_use_department_pages(user: AnyUser) -> Decision:
    """The Department's pages: its lists, its stages, its ledgers (第九条至第十二条)."""
    return _holds(user, Role.DEPARTMENT)


def can_evaluate(user: AnyUser) -> Decision:
    """The expert's pages (第九条)."""
    return _holds(user, Role.EXPERT)


def can_see_enterprises(user: AnyUser) -> Decision:
    """The lists of enterprises and of letters: the bureaus' (their jurisdiction) and the Department's."""
    return _holds(user, Role.BUREAU, Role.DEPARTMENT)


def can_see_review_records(user: AnyUser) -> Decision:
    """An application's review panel (judgements, the enterprise's records): the bureaus and the Department."""
    return _holds(user, Role.BUREAU, Role.DEPARTMENT)
