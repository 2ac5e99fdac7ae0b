"""Writes of the back office: what an administrator changes of users, enterprises and jurisdictions.

Django's admin builds and validates the object; these actions save it, in
one transaction, with an audit entry naming each field that changed (the
admin calls them from ``save_model``). Nothing is deleted: a user leaving is
deactivated, an enterprise or a jurisdiction carries history.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db import models, transaction
from django.forms import BaseFormSet

from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.audit.actions import record

M = TypeVar("M", bound=models.Model)

# Never written into an audit entry, whatever changed.
SECRET_FIELDS = frozenset({"password", "password1", "password2"})


def do_admin_save(obj: M, *, changed: Sequence[str], created: bool, actor: User) -> M:
    """Save what the administrator entered and record it: the fields changed (secrets named, never shown)."""
    with transaction.atomic():
        obj.save()
        changes = {name: "***" if name in SECRET_FIELDS else str(getattr(obj, name, "")) for name in changed}
        record(
            actor=actor,
            role=Role.ADMIN,
            verb=f"admin_{'create' if created else 'change'}_{obj._meta.model_name}",
            target=obj,
            summary=str(obj),
            changes=changes,
        )
    return obj


def do_admin_save_related(formset: BaseFormSet[Any], parent: models.Model, *, actor: User) -> None:
    """The rows of an inline (an expert's profile under a user), with an audit entry when any changed."""
    with transaction.atomic():
        formset.save()  # type: ignore[attr-defined]
        if formset.has_changed():
            record(
                actor=actor,
                role=Role.ADMIN,
                verb=f"admin_change_{formset.model._meta.model_name}",  # type: ignore[attr-defined]
                target=parent,
                summary=str(parent),
            )


def do_admin_change_password(user: User, change: Callable[[], Any], *, actor: User) -> Any:
    """Django's own password form sets the password (``change``); this records that it was changed."""
    with transaction.atomic():
        before = User.objects.values_list("password", flat=True).get(pk=user.pk)
        answer = change()
        if User.objects.values_list("password", flat=True).get(pk=user.pk) != before:
            record(
                actor=actor,
                role=Role.ADMIN,
                verb="admin_change_password",
                target=user,
                summary=str(user),
                changes={"password": "***"},
            )
    return answer
