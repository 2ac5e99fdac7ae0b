"""Art. 12: a revocation for fraud ends every other open application of the enterprise, at once, and says why."""

from __future__ import annotations

from decimal import Decimal

from django.core import mail
from django.urls import reverse

from smartmfg.applications.models import Application
from smartmfg.evaluations.actions import do_revoke_recognition
from smartmfg.inbox.models import Message
from tests import factories
from tests.journeys import advance, document_number, today


def revoke(cast, application: Application):
    return do_revoke_recognition(
        application,
        reason="投资发票系伪造",
        document_number=document_number(77),
        revoked_on=today(),
        subsidy_to_recover=Decimal("0"),
        files=[factories.pdf_upload("核实报告.pdf")],
        actor=cast.dept,
    )


def test_the_enterprises_other_open_applications_end_with_the_revocation(
    cast, django_capture_on_commit_callbacks
) -> None:
    recognised = advance(cast, cast.app_a, "published")
    call = factories.open_call(cast.dept)
    draft = factories.draft_application(call, cast.ent_a, tier="smart_factory")
    submitted = factories.submitted_application(call, cast.ent_a, tier="future_factory", reviewer=cast.changchun)
    other_enterprise = factories.submitted_application(call, cast.ent_b, reviewer=cast.jilin)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        revocation = revoke(cast, recognised)

    for application in (draft, submitted):
        application.refresh_from_db()
        assert application.status == "refused_under_ban"
        event = application.events.get(action="refuse_under_ban")
        assert "第十二条" in event.reason and revocation.document_number in event.reason
        assert event.data == {"revocation": revocation.pk} and event.actor == cast.dept
    other_enterprise.refresh_from_db()
    assert other_enterprise.status == "submitted"
    told = set(Message.objects.filter(event="refuse_under_ban").values_list("recipient__username", flat=True))
    assert told == {"ent_a", "changchun"}  # the enterprise, and the bureau of the one it had submitted
    assert any("终止" in m.subject or "终止" in m.body for m in mail.outbox)


def test_the_department_sees_the_enterprises_other_recognitions_to_review_them(client, cast) -> None:
    first = advance(cast, cast.app_a, "published")
    call = factories.open_call(cast.dept)
    second = factories.submitted_application(call, cast.ent_a, tier="smart_factory", reviewer=cast.changchun)
    second = advance(cast, second, "published")
    client.force_login(cast.dept)
    page = client.get(reverse("applications:detail", args=[first.pk])).content.decode()
    assert "本企业的其他认定" in page and second.reference in page
    revoke(cast, first)
    second.refresh_from_db()
    assert second.status == "recognised"  # a recognition is reviewed, not ended: it needs its own revocation
    page = client.get(reverse("applications:detail", args=[first.pk])).content.decode()
    assert second.reference in page
