"""The back office's one way to write: every model admin saves through an audited action.

``ActionAdmin`` routes the admin's saves to ``save`` (an action that records
its audit entry) and never deletes: history is kept. The apps give it their
action; lib itself knows none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

M = TypeVar("M", bound=models.Model)


class ActionAdmin(admin.ModelAdmin[M], Generic[M]):
    # (obj, changed field names, created, actor) -> the saved object; set by each app's admin.
    save: ClassVar[Callable[..., Any]]

    def save_model(self, request: HttpRequest, obj: M, form: Any, change: bool) -> None:
        type(self).save(obj, changed=list(form.changed_data), created=not change, actor=request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
