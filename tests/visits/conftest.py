"""The PDFs on the way are stand-ins here (``builders.cheap_pdfs``); ``test_reports`` renders one for real."""

from __future__ import annotations

import pytest

from tests.visits.builders import cheap_pdfs


@pytest.fixture(autouse=True)
def _cheap_pdfs():
    with cheap_pdfs():
        yield
