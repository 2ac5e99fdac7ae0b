"""Taking a step from a page: the form each step shows and the action it runs.

Plain steps need only a reason (where the table asks for one) and files
(where it accepts them): ``StepForm`` and ``do_take_step``. A step that
records more (the experts' score, a revocation's subsidy...) registers its
own form and action with ``register``, from its app's ``ready()``; the
generic step view then uses them. Either way the state moves only through
``transition``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from smartmfg.accounts.models import User
from smartmfg.applications.actions import store_attachment, stored_files
from smartmfg.applications.forms import StepForm
from smartmfg.applications.models import Application, ApplicationEvent, AttachmentKind
from smartmfg.applications.transition import transition
from smartmfg.applications.uploads import check_upload
from smartmfg.applications.workflow import Step

Handler = Callable[[Application, User, Any], ApplicationEvent]


@dataclass(frozen=True)
class StepUI:
    form: type[StepForm]
    handler: Handler


@contextmanager
def taking_step(
    application: Application,
    action: str,
    *,
    actor: User,
    reason: str = "",
    files: Sequence[UploadedFile] = (),
    file_kind: str = AttachmentKind.REVIEW_OPINION,
    data: dict[str, Any] | None = None,
    to: str | None = None,
) -> Iterator[ApplicationEvent]:
    """Take ``action`` with its reason and files; the body of the ``with`` joins the transaction.

    A step that records more (an expert conclusion, a revocation) writes its
    rows in the body, linked to the event it yields. Files are checked (size,
    type from content) before anything is written; if the step or the body
    fails, the rows roll back and the files written are removed again.
    """
    types = [check_upload(f, max_mb=application.call.max_attachment_mb, field="documents") for f in files]
    with stored_files() as written, transaction.atomic():
        event = transition(application, action, actor, reason=reason, data=data, to=to)
        for upload, content_type in zip(files, types, strict=True):
            store_attachment(
                application,
                upload,
                kind=file_kind,
                actor=actor,
                content_type=content_type,
                written=written,
                event=event,
            )
        yield event


def do_take_step(
    application: Application,
    action: str,
    *,
    actor: User,
    reason: str = "",
    files: Sequence[UploadedFile] = (),
    file_kind: str = AttachmentKind.REVIEW_OPINION,
    data: dict[str, Any] | None = None,
    to: str | None = None,
) -> ApplicationEvent:
    """Take a plain step: its reason and files, in one transaction (see ``taking_step``)."""
    with taking_step(
        application, action, actor=actor, reason=reason, files=files, file_kind=file_kind, data=data, to=to
    ) as event:
        return event


def _plain(application: Application, actor: User, form: Any) -> ApplicationEvent:
    step: Step = form.step
    return do_take_step(
        application,
        step.action,
        actor=actor,
        reason=form.cleaned_data.get("reason", ""),
        files=form.cleaned_data.get("documents", []),
    )


_REGISTRY: dict[str, StepUI] = {}
PLAIN = StepUI(StepForm, _plain)


def register(action: str, form: type[StepForm], handler: Handler) -> None:
    """Give ``action`` its own form (constructed with ``step=``) and action."""
    _REGISTRY[action] = StepUI(form, handler)


def ui_for(action: str) -> StepUI:
    return _REGISTRY.get(action, PLAIN)
