"""API tokens: an integrator acts as one user, with exactly that user's permissions."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone

from smartmfg.api.actions import do_issue_api_token, do_revoke_api_token
from smartmfg.api.models import ApiToken
from smartmfg.audit.models import AuditEntry


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_token_sees_and_does_what_its_user_may(client, cast) -> None:
    _, key = do_issue_api_token(cast.changchun, name="长春市业务系统", actor=cast.admin)
    listed = client.get("/api/v1/applications", **bearer(key)).json()
    assert [item["reference"] for item in listed["items"]] == [cast.app_a.reference]
    assert client.get(f"/api/v1/applications/{cast.app_b.pk}", **bearer(key)).status_code == 404
    # No CSRF token needed: nothing a browser sends on its own can carry the header.
    response = client.post(
        f"/api/v1/applications/{cast.app_a.pk}/steps/bureau_return",
        {"reason": "补正"},
        content_type="application/json",
        **bearer(key),
    )
    assert response.status_code == 200
    assert cast.app_a.events.latest("id").actor == cast.changchun
    assert ApiToken.objects.get().last_used_at is not None


def test_revoked_expired_and_wrong_tokens_are_401(client, cast) -> None:
    token, key = do_issue_api_token(cast.ent_a, name="ERP", actor=cast.admin)
    _, old = do_issue_api_token(
        cast.ent_a, name="旧", expires_at=timezone.now() - dt.timedelta(days=1), actor=cast.admin
    )
    assert client.get("/api/v1/applications", **bearer(key)).status_code == 200
    assert do_revoke_api_token(token, actor=cast.admin) is True
    assert do_revoke_api_token(token, actor=cast.admin) is False
    for wrong in (key, old, "smf_nonsense"):
        assert client.get("/api/v1/applications", **bearer(wrong)).status_code == 401
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {"issue_api_token", "revoke_api_token"} <= verbs
    assert key not in str(list(ApiToken.objects.values()))  # only a hash is kept


def test_only_administrators_issue_tokens(cast) -> None:
    for user in (cast.dept, cast.changchun, cast.ent_a):
        with pytest.raises(PermissionDenied):
            do_issue_api_token(user, name="x", actor=user)


def test_the_command_issues_lists_and_revokes(cast) -> None:
    out = io.StringIO()
    call_command(
        "api-token", "create", "--user", "jilin", "--name", "吉林市系统", "--actor", "admin", "--days", "30", stdout=out
    )
    key = out.getvalue().splitlines()[-1]
    assert key.startswith("smf_") and len(key) > 40
    token = ApiToken.objects.get()
    assert token.user == cast.jilin and token.expires_at is not None
    out = io.StringIO()
    call_command("api-token", "list", stdout=out)
    assert "吉林市系统" in out.getvalue() and key not in out.getvalue()
    out = io.StringIO()
    call_command("api-token", "revoke", str(token.pk), "--actor", "admin", stdout=out)
    assert "已吊销" in out.getvalue()
    with pytest.raises(CommandError, match="只有系统管理员"):
        call_command("api-token", "create", "--user", "jilin", "--name", "x", "--actor", "dept", stdout=io.StringIO())
