"""``transition``: the only way an application changes state."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from smartmfg.applications.models import Application, ApplicationEvent
from smartmfg.inbox.models import Message
from smartmfg.workflow import actions as submission
from smartmfg.workflow import table as workflow
from smartmfg.workflow.transition import Conflict, transition

pytestmark = pytest.mark.django_db


def test_a_step_moves_the_state_and_appends_its_history(cast, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        event = transition(cast.app_a, "bureau_return", cast.changchun, reason="投资明细缺少发票号码")
    cast.app_a.refresh_from_db()
    assert cast.app_a.status == "returned"
    assert (event.from_status, event.to_status, event.role, event.actor) == (
        "submitted",
        "returned",
        "bureau",
        cast.changchun,
    )
    assert event.reason == "投资明细缺少发票号码"
    # The enterprise is told, in the inbox and by email, with the reason.
    message = Message.objects.get(recipient=cast.ent_a, event="bureau_return")
    assert "投资明细缺少发票号码" in message.body
    assert any("投资明细缺少发票号码" in m.body and cast.ent_a.email in m.to for m in mail.outbox)


def test_a_reason_is_required_where_the_table_says_so(cast) -> None:
    with pytest.raises(ValidationError) as error:
        transition(cast.app_a, "bureau_reject", cast.changchun, reason="  ")
    assert "reason" in error.value.error_dict
    assert Application.objects.get(pk=cast.app_a.pk).status == "submitted"


@pytest.mark.parametrize(
    ("persona", "why"),
    [
        ("ent_a", "需由属地工信部门办理"),
        ("dept", "需由属地工信部门办理"),
        ("jilin", "不在本部门办理范围内"),
    ],
)
def test_the_wrong_person_is_refused_with_the_reason(cast, persona: str, why: str) -> None:
    with pytest.raises(PermissionDenied, match=why):
        transition(cast.app_a, "bureau_return", cast.persona(persona), reason="x")
    assert not ApplicationEvent.objects.filter(application=cast.app_a, action="bureau_return").exists()


def test_a_step_from_the_wrong_state_is_refused(cast) -> None:
    with pytest.raises(PermissionDenied, match="当前状态（待初审）不能办理"):
        transition(cast.app_a, "requalify_pass", cast.dept)


def test_the_guard_gives_its_reason(cast) -> None:
    with pytest.raises(PermissionDenied, match="生产运营和财务状况良好"):
        transition(cast.app_a, "bureau_pass", cast.changchun)


def test_acting_on_a_state_someone_else_already_changed_is_a_conflict(cast) -> None:
    stale = Application.objects.get(pk=cast.app_a.pk)  # what the second person's page showed
    transition(cast.app_a, "withdraw", cast.ent_a)
    with pytest.raises(Conflict):
        transition(stale, "bureau_return", cast.changchun, reason="x")
    assert ApplicationEvent.objects.filter(application=cast.app_a).values_list("action", flat=True).last() == "withdraw"


def test_batch_steps_have_no_button() -> None:
    for status in {s for step in workflow.STEPS for s in step.sources}:
        assert all(not s.batch for s in workflow.steps_from(status))


def test_every_step_names_its_article_and_a_known_role() -> None:
    for step in workflow.STEPS:
        assert step.article.startswith("第"), step.action
        assert step.targets or step.action in {
            "order_spot_check",
            "record_spot_check",
            "dismiss_objection",
            "assign_experts",
            "receive_objection",
            "ask_enterprise",
            "answer_objection",
            "reply_objector",
        }


def test_history_is_never_rewritten(cast) -> None:
    transition(cast.app_a, "withdraw", cast.ent_a)
    first = list(ApplicationEvent.objects.filter(application=cast.app_a).values("id", "action", "at", "reason"))
    cast.app_a.refresh_from_db()
    submission.do_submit_application(cast.app_a, actor=cast.ent_a)
    events = list(ApplicationEvent.objects.filter(application=cast.app_a).values("id", "action", "at", "reason"))
    assert events[: len(first)] == first
    assert [e["action"] for e in events] == ["submit", "withdraw", "submit"]
    assert cast.app_a.submissions.count() == 2


def test_returned_to_the_bureau_by_the_department_it_is_the_bureaus_again(cast) -> None:
    from tests.journeys import recommend

    recommend(cast, cast.app_a)
    assert (cast.app_a.status, cast.app_a.holder) == ("recommended", None)
    transition(cast.app_a, "requalify_return", cast.dept, reason="缺少审计报告")
    cast.app_a.refresh_from_db()
    assert (cast.app_a.status, cast.app_a.holder) == ("submitted", cast.app_a.jurisdiction)
    transition(cast.app_a, "bureau_return", cast.changchun, reason="请补充审计报告")
    cast.app_a.refresh_from_db()
    assert (cast.app_a.status, cast.app_a.holder) == ("returned", None)
