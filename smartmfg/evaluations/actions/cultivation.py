"""第五条至第七条第1款: cultivation projects converted on evidence, and reminded of their deadline.

``send_cultivation_reminders`` runs once a day (``smartmfg send-reminders``,
from cron or a systemd timer; docs/operations.md). Which reminder is due is
the pure core's question (``rules.cultivation.reminder_due``, with the
call's ``cultivation_first_reminder_days`` and ``cultivation_last_reminder_days``);
each one is recorded, so a run twice a day, or a day late, sends it once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from smartmfg.accounts.models import User
from smartmfg.applications.models import Application, ApplicationEvent, AttachmentKind
from smartmfg.applications.states import Status
from smartmfg.evaluations.actions.common import _required
from smartmfg.evaluations.models import CultivationReminder
from smartmfg.inbox.actions import do_send_messages
from smartmfg.lib.choices import current_lang
from smartmfg.rules.cultivation import conversion_problem, reminder_due
from smartmfg.workflow.batch import require_files
from smartmfg.workflow.transition import transition


def do_convert_cultivation(
    application: Application,
    *,
    production_started_on: dt.date,
    reason: str,
    files: Sequence[UploadedFile],
    actor: User,
) -> ApplicationEvent:
    """第五条至第七条第1款: a cultivation project now in production becomes recognised, on evidence.

    Only when it entered production by the call's cultivation deadline: a
    later date means it did not meet the condition it was admitted on, and
    the project can only be dropped once the deadline has passed.
    """
    reason = _required(reason, "reason", _("请填写转为认定的理由"))
    problem = conversion_problem(
        production_started_on,
        applied_on=application.applied_on or production_started_on,
        today=timezone.localdate(),
        policy=application.call.get_policy(),
    )
    if problem is not None:
        raise ValidationError({"production_started_on": problem.render(current_lang())})
    require_files(files, _("请上传建成投产的证明材料"))
    return transition(
        application,
        "convert_cultivation",
        actor,
        reason=reason,
        files=files,
        file_kind=AttachmentKind.EVIDENCE,
        data={"production_started_on": production_started_on.isoformat()},
    )


def send_cultivation_reminders(today: dt.date | None = None) -> list[CultivationReminder]:
    """Send the reminders due today to every cultivation project's enterprise; return those sent."""
    today = today or timezone.localdate()
    sent = []
    cultivating = Application.objects.filter(status=Status.CULTIVATING).select_related("call", "enterprise")
    for application in cultivating.order_by("pk"):
        policy = application.call.get_policy()
        deadline = policy.cultivation_deadline
        days = reminder_due(
            deadline, today, (policy.cultivation_first_reminder_days, policy.cultivation_last_reminder_days)
        )
        if days is None:
            continue
        reminder = _record(application, deadline, days)
        if reminder is not None:
            _tell(application, deadline, today)
            sent.append(reminder)
    return sent


def _record(application: Application, deadline: dt.date, days: int) -> CultivationReminder | None:
    """The reminder's row, or None when it was sent already (by this run's twin, say)."""
    try:
        with transaction.atomic():
            if CultivationReminder.objects.filter(
                application=application, deadline=deadline, days_before=days
            ).exists():
                return None
            return CultivationReminder.objects.create(application=application, deadline=deadline, days_before=days)
    except IntegrityError:
        return None


def _tell(application: Application, deadline: dt.date, today: dt.date) -> None:
    people = list(User.objects.filter(enterprise_id=application.enterprise_id, is_active=True))
    if not people:
        return
    url = reverse("applications:detail", args=[application.pk])
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("培育项目建成投产期限提醒：%(reference)s") % {"reference": application.reference}
        body = _(
            "您的培育项目“%(project)s”（%(reference)s）须于 %(deadline)s 前建成投产（细则第五条至第七条第1款），"
            "距期限还有 %(left)d 天。建成投产后，请将建成投产的证明材料报送省工信厅，办理转为认定；"
            "期满未建成投产的，按“培育期满未建成投产”处理。\n\n%(link)s"
        ) % {
            "project": application.project_name,
            "reference": application.reference,
            "deadline": deadline.isoformat(),
            "left": (deadline - today).days,
            "link": f"{settings.SITE_URL}{url}",
        }
    do_send_messages(people, "cultivation_reminder", subject, body, url)
