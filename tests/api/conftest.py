from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """Each test starts with no requests counted against it."""
    cache.clear()
    yield
    cache.clear()
