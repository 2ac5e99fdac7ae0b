"""The form is the applying enterprise's alone: every URL, every method, every other persona."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories

STEPS = ("enterprise", "project", "investments", "workshops", "maturity", "attachments", "commitment", "confirm")
POSTS = ("investments_upload", "submit")
GETS = ("investments_template",)


def _urls(draft) -> list[tuple[str, str]]:
    """(method, url) of every URL of a smart-factory draft's form."""
    file_id = draft.attachments.get().pk
    urls = [("get", reverse(f"apply:{s}", kwargs={"pk": draft.pk})) for s in (*STEPS, *GETS)]
    urls += [("post", reverse(f"apply:{s}", kwargs={"pk": draft.pk})) for s in (*STEPS[:-1], *POSTS)]
    urls.append(("post", reverse("apply:attachment_remove", kwargs={"pk": draft.pk, "attachment_id": file_id})))
    return urls


@pytest.mark.parametrize("persona", ["ent_b"])
def test_another_enterprise_gets_404_everywhere(client, cast, persona) -> None:
    draft = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    client.force_login(cast.persona(persona))
    for method, address in _urls(draft):
        assert getattr(client, method)(address).status_code == 404, f"{method} {address}"
    assert client.get(reverse("apply:submission", kwargs={"pk": cast.app_a.pk, "number": 1})).status_code == 404
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.attachments.filter(removed_at__isnull=True).count() == 1


@pytest.mark.parametrize("persona", ["changchun", "dept", "expert", "admin"])
def test_other_roles_get_403_everywhere_and_nothing_changes(client, cast, persona) -> None:
    draft = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    client.force_login(cast.persona(persona))
    for method, address in _urls(draft):
        assert getattr(client, method)(address).status_code == 403, f"{method} {address}"
    start = reverse("apply:start", kwargs={"call_id": cast.call.pk, "tier": "future_factory"})
    assert client.post(start).status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_the_anonymous_visitor_is_sent_to_log_in(client, cast) -> None:
    draft = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    for method, address in _urls(draft):
        response = getattr(client, method)(address)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_wrong_methods_get_405(client, cast) -> None:
    draft = factories.draft_application(cast.call, cast.ent_a, tier="smart_factory")
    client.force_login(cast.ent_a)
    file_id = draft.attachments.get().pk
    posts_only = [
        reverse("apply:start", kwargs={"call_id": cast.call.pk, "tier": "future_factory"}),
        reverse("apply:investments_upload", kwargs={"pk": draft.pk}),
        reverse("apply:submit", kwargs={"pk": draft.pk}),
        reverse("apply:attachment_remove", kwargs={"pk": draft.pk, "attachment_id": file_id}),
    ]
    for address in posts_only:
        assert client.get(address).status_code == 405, address
    gets_only = [
        reverse("apply:confirm", kwargs={"pk": draft.pk}),
        reverse("apply:investments_template", kwargs={"pk": draft.pk}),
        reverse("apply:submission", kwargs={"pk": cast.app_a.pk, "number": 1}),
        reverse("enterprises:workspace"),
    ]
    for address in gets_only:
        assert client.post(address).status_code == 405, address
    for step in STEPS[:-1]:
        assert client.delete(reverse(f"apply:{step}", kwargs={"pk": draft.pk})).status_code == 405
