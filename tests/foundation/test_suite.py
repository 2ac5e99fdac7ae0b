"""Rules of the test suite itself, read from its source."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
TRANSACTIONAL = re.compile(r"django_db\(([^)]*\btransaction=True[^)]*)\)")


def test_every_transactional_test_restores_the_seeded_data() -> None:
    """A test with real transactions empties the database when it ends; without ``serialized_rollback``
    the jurisdictions and content types the migrations seeded are gone for the tests after it (and the
    next serialized test fails restoring them). Tests that only need on-commit callbacks use
    ``django_capture_on_commit_callbacks`` instead."""
    offenders = [
        f"{path.relative_to(TESTS)}: {match.group(0)}"
        for path in sorted(TESTS.rglob("*.py"))
        for match in TRANSACTIONAL.finditer(path.read_text(encoding="utf-8"))
        if "serialized_rollback=True" not in match.group(1)
    ]
    assert offenders == []
