"""One application, four ways in: the command, the API calculator, the API workflow and the page agree."""

from __future__ import annotations

import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command

from smartmfg.intake.actions import do_import_application
from tests import factories
from tests.eligibility.documents import document, text


def _summary(verdict: dict) -> tuple:
    return (
        verdict["eligible"],
        verdict["track"],
        verdict["eligible_investment"],
        [(c["rule"], c["result"]) for c in verdict["checks"]],
    )


@pytest.mark.parametrize(
    "doc",
    [
        document(),
        document(tier="smart_factory", total="39999999.99", violations=[{"date": "2025-05-01", "description": "处罚"}]),
        document(tier="future_factory", total="81000000.00", credit_check=None),
    ],
    ids=["eligible workshop", "factory short and fined", "future factory without credit check"],
)
def test_command_api_and_page_give_the_same_verdict(client, cast, tmp_path, doc) -> None:
    cache.clear()
    if doc["tier"] == "smart_factory":  # short of today's threshold: received while it stood lower
        [application] = factories.import_under(
            cast.call, cast.dept, [doc], **{"min_investment.smart_factory": "39999999.99"}
        )
    else:
        application = do_import_application(cast.call, doc, actor=cast.dept)

    policy = io.StringIO()
    call_command("policy", "show", "--call", str(cast.call.pk), stdout=policy)
    (tmp_path / "policy.json").write_text(policy.getvalue(), encoding="utf-8")
    (tmp_path / "application.json").write_text(text(doc), encoding="utf-8")
    out = io.StringIO()
    call_command(
        "eligibility",
        "--json",
        "--policy",
        str(tmp_path / "policy.json"),
        str(tmp_path / "application.json"),
        stdout=out,
    )
    from_command = json.loads(out.getvalue())

    from_calculator = client.post(
        f"/api/v1/eligibility?call={cast.call.pk}", text(doc), content_type="application/json"
    ).json()
    client.force_login(cast.dept)
    from_api = client.get(f"/api/v1/applications/{application.pk}").json()["verdict"]
    page = client.get(f"/applications/{application.pk}/")
    from_page = page.context["verdict"].to_dict("zh")

    expected = _summary(from_command)
    assert _summary(from_calculator) == expected
    assert _summary(from_api) == expected
    assert _summary(from_page) == expected
    application.refresh_from_db()
    assert (application.verdict_eligible, application.verdict_track or None) == expected[:2]
    assert f"{application.eligible_investment:.2f}" == expected[2]
    assert application.verdict_results == dict(expected[3])
