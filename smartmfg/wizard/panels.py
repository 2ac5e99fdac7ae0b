"""What the application form adds to the application page, and the submit step's own action.

Two panels: for the applying enterprise, the way into the form (and the
bureau's reasons when it was returned); for everyone who may read the
application, its submissions, each readable as it was made.

The workflow's generic step form would move the state without freezing a
submission; ``submit`` is registered with ``do_submit_application`` so a
submission from the application page keeps its snapshot too.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from smartmfg.access import acts_for, can_edit_application
from smartmfg.accounts.models import User
from smartmfg.accounts.roles import Role
from smartmfg.applications.models import Application, ApplicationEvent
from smartmfg.applications.panels import register_panel
from smartmfg.wizard.presenters import latest_return
from smartmfg.workflow import forms as step_forms
from smartmfg.workflow.actions import do_submit_application
from smartmfg.workflow.forms import StepForm


class SubmitForm(StepForm):
    """Submitting asks for nothing more than the click: the content is the application itself."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.pop("reason", None)


def _submit(application: Application, actor: User, form: Any) -> ApplicationEvent:
    return do_submit_application(application, actor=actor)


def apply_panel(request: HttpRequest, application: Application) -> dict[str, Any] | None:
    """Shown to the applying enterprise only."""
    if not acts_for(request.user, application, Role.ENTERPRISE):
        return None
    return {
        "application": application,
        "editable": can_edit_application(request.user, application),
        "returned": latest_return(application),
    }


def submissions_panel(request: HttpRequest, application: Application) -> dict[str, Any] | None:
    """Shown to everyone who reads the application, once it has been submitted."""
    if not application.submission_count:
        return None
    submissions = application.submissions.select_related("submitted_by").order_by("-number")
    return {"application": application, "submissions": submissions}


def register() -> None:
    register_panel("wizard/_panel_apply.html", apply_panel, order=10)
    register_panel("wizard/_panel_submissions.html", submissions_panel, order=20)
    step_forms.register("submit", SubmitForm, _submit)
