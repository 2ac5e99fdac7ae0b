"""Who is asking: the building blocks every permission reads (an inactive account is no one)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from smartmfg.accounts.identity import account_of, bureau_of, enterprise_id_of, roles_held
from smartmfg.accounts.roles import Role


@pytest.mark.django_db
def test_each_persona_is_who_its_account_says(cast) -> None:
    assert roles_held(cast.ent_a) == [Role.ENTERPRISE]
    assert enterprise_id_of(cast.ent_a) == cast.enterprise_a.pk
    assert bureau_of(cast.ent_a) is None
    assert roles_held(cast.changchun) == [Role.BUREAU]
    assert bureau_of(cast.changchun) is not None and bureau_of(cast.changchun).code == "220100"
    assert enterprise_id_of(cast.changchun) is None
    assert Role.DEPARTMENT in roles_held(cast.dept) and bureau_of(cast.dept) is None
    assert Role.EXPERT in roles_held(cast.expert)


@pytest.mark.django_db
def test_the_anonymous_visitor_and_a_deactivated_account_hold_nothing(cast) -> None:
    assert account_of(AnonymousUser()) is None and roles_held(AnonymousUser()) == []
    cast.ent_a.is_active = False
    assert account_of(cast.ent_a) is None
    assert roles_held(cast.ent_a) == []
    assert enterprise_id_of(cast.ent_a) is None
    cast.changchun.is_active = False
    assert bureau_of(cast.changchun) is None
