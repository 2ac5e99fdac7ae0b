"""Events are delivered after the action's transaction commits: never for a step that rolled back."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import transaction

from smartmfg.lib.events import emit, subscribe


@dataclass(frozen=True)
class Happened:
    what: str


heard: list[str] = []


@subscribe(Happened)
def _broken(event: Happened) -> None:
    raise RuntimeError("an adapter that fails")


@subscribe(Happened)
def _listener(event: Happened) -> None:
    heard.append(event.what)


@pytest.fixture(autouse=True)
def _fresh() -> None:
    heard.clear()


# The test's own transaction never commits: ``django_capture_on_commit_callbacks`` runs what would
# run at the outermost commit, and drops what a rolled-back block registered, as a real commit does.


@pytest.mark.django_db
def test_an_event_is_delivered_once_the_transaction_commits(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            emit(Happened("committed"))
        assert heard == []  # not yet: the step could still roll back
    assert len(callbacks) == 1
    assert heard == ["committed"]  # and the failing adapter before it did not stop it


@pytest.mark.django_db
def test_an_event_of_a_rolled_back_transaction_is_never_delivered(django_capture_on_commit_callbacks) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValueError),
        transaction.atomic(),
    ):
        emit(Happened("rolled back"))
        raise ValueError
    assert callbacks == []
    assert heard == []
