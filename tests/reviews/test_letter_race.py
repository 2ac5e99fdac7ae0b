"""Two colleagues send letters listing the same application at once: exactly one goes.

Row locks are what is tested, so it runs on PostgreSQL (SQLite serialises every writer anyway).
"""

from __future__ import annotations

import os
import threading

import pytest
from django.db import connection

from smartmfg.applications.models import ApplicationEvent
from smartmfg.reviews.actions import do_send_letter
from smartmfg.reviews.models import RecommendationLetter
from smartmfg.workflow.transition import Conflict
from tests import factories
from tests.journeys import draft, pass_review

# Skipped before the database is set up: a transactional test empties the tables when it ends.
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason="row locks are tested on PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_letters_racing_for_one_application() -> None:
    dept = factories.department_user("dept-r")
    call = factories.open_call(dept)
    officers = [factories.bureau_user("cc-1", "220100"), factories.bureau_user("cc-2", "220100")]
    applicant = factories.enterprise_user("ent-r", factories.enterprise("并发推荐企业", "220102"))
    application = pass_review(factories.submitted_application(call, applicant, reviewer=officers[0]), officers[0])
    letters = [draft(officer, [application]) for officer in officers]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def send(letter: RecommendationLetter, officer) -> None:
        barrier.wait()
        try:
            do_send_letter(letter, actor=officer, revision=letter.revision)
            outcomes.append("sent")
        except Conflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=pair) for pair in zip(letters, officers, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) == ["refused", "sent"]
    assert ApplicationEvent.objects.filter(application=application, action="recommend").count() == 1
    assert sorted(RecommendationLetter.objects.values_list("status", flat=True)) == ["draft", "sent"]
