"""Who reads the public notices (access.public_notices): everyone, from a notice's first day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from smartmfg import access
from smartmfg.notices.actions import do_start_notice
from tests.journeys import advance, today


@pytest.fixture
def started_and_later(cast, open_notice):
    approved = advance(cast, cast.cultivation if hasattr(cast, "cultivation") else cast.app_a, "approved")
    return open_notice, approved


def test_everyone_sees_the_started_notices_and_none_announced_for_later(cast, open_notice):
    from tests.journeys import cultivation_application

    approved = advance(cast, cultivation_application(cast), "approved")
    later = do_start_notice(
        cast.call,
        [approved.pk],
        title="后天",
        starts_on=today() + dt.timedelta(days=2),
        contact="规划处",
        actor=cast.dept,
    )
    for user in (AnonymousUser(), cast.ent_b, cast.jilin, cast.dept, cast.expert, cast.admin):
        assert list(access.visible_public_notices(user)) == [open_notice]
        assert access.get_public_notice_for_user(user, open_notice.pk) == open_notice
        with pytest.raises(Http404):
            access.get_public_notice_for_user(user, later.pk)
    assert "visible_public_notices" in access.__all__ and "get_public_notice_for_user" in access.__all__
