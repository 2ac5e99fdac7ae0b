"""The form's pages read in a number of queries that does not grow with the rows they show."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from smartmfg.wizard import actions
from tests import factories
from tests.wizard.helpers import url


def _rows(n: int) -> list[dict]:
    day = timezone.localdate() - dt.timedelta(days=10)
    return [
        {
            "occurred_on": day,
            "category": "equipment",
            "amount": Decimal("100000.00"),
            "status": "completed",
            "invoice_no": f"FP{i}",
            "description": "",
        }
        for i in range(n)
    ]


def _count(client, address: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_the_investment_step_does_not_query_per_row(client, cast, django_assert_max_num_queries) -> None:
    draft = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    client.force_login(cast.ent_a)
    actions.do_replace_investments(draft, _rows(2), actor=cast.ent_a)
    few = _count(client, url("investments", draft))
    actions.do_replace_investments(draft, _rows(60), actor=cast.ent_a)
    many = _count(client, url("investments", draft))
    assert many == few
    with django_assert_max_num_queries(22):
        client.get(url("investments", draft))


def test_the_attachments_and_confirm_steps_and_a_submission_read_in_bounded_queries(
    client, cast, django_assert_max_num_queries
) -> None:
    draft = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    client.force_login(cast.ent_a)
    few = _count(client, url("attachments", draft))
    for _ in range(5):
        actions.do_add_attachment(draft, factories.pdf_upload(), kind="other", actor=cast.ent_a)
    assert _count(client, url("attachments", draft)) == few
    with django_assert_max_num_queries(22):
        client.get(url("attachments", draft))
    with django_assert_max_num_queries(32):
        client.get(url("confirm", cast.app_a))
    with django_assert_max_num_queries(10):
        client.get(url("submission", cast.app_a, number=1))
