"""The demo's published call (last year's) is numbered by the publish step's subscriber, as a real one is."""

from __future__ import annotations

import pytest
from django.utils import timezone

from smartmfg.certificates.models import Certificate
from smartmfg.demo.loader import seed_demo

pytestmark = pytest.mark.django_db


def test_seeding_the_demo_numbers_last_years_list(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        seed_demo()
    year = timezone.localdate().year - 1
    numbers = sorted(Certificate.objects.filter(publication__call__year=year).values_list("number", flat=True))
    # A recognised digital workshop and a smart factory in cultivation, each first of its tier.
    assert numbers == [f"吉数车-{year}-0001", f"吉智工-{year}-0001"]
    with django_capture_on_commit_callbacks(execute=True):
        seed_demo()
    assert Certificate.objects.count() == 2
