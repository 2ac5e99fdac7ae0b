"""Writing recognition numbers, and what a series' format and short names may be (no database)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from smartmfg.certificates.models import DEFAULT_FORMAT
from smartmfg.certificates.numbers import check_format, check_prefixes, normalise, render_number

TIERS = ("digital_workshop", "smart_factory", "future_factory")


def test_the_default_format_writes_prefix_year_and_a_four_digit_sequence() -> None:
    assert render_number(DEFAULT_FORMAT, prefix="数车", year=2026, seq=1) == "吉数车-2026-0001"
    assert render_number(DEFAULT_FORMAT, prefix="智工", year=2026, seq=123) == "吉智工-2026-0123"


@pytest.mark.parametrize(
    ("number_format", "says"),
    [
        ("吉{prefix}-{seq:04d}", "{year}"),
        ("吉{year}-{seq}", "{prefix}"),
        ("吉{prefix}-{year}", "{seq}"),
        ("吉{prefix}-{year}-{seq}-{name}", "name"),
        ("吉{prefix}-{year}-{seq", "花括号"),
        ("吉{prefix}/{year}/{seq}", "斜杠"),
        ("吉{prefix} {year} {seq}", "空格"),
        ("吉{prefix}-{year}-{seq:Q}", "无效"),
    ],
)
def test_a_format_that_cannot_make_a_unique_typable_number_is_refused(number_format: str, says: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_format(number_format)
    assert says in " ".join(refused.value.message_dict["number_format"])


def test_a_good_format_is_kept_stripped() -> None:
    assert check_format("  JL-{prefix}{year}{seq:05d} ") == "JL-{prefix}{year}{seq:05d}"


def test_each_tier_needs_its_own_short_name() -> None:
    with pytest.raises(ValidationError) as refused:
        check_prefixes({"digital_workshop": "数车", "smart_factory": "数车", "future_factory": "未工"}, TIERS)
    assert "prefix_smart_factory" in refused.value.message_dict
    with pytest.raises(ValidationError) as missing:
        check_prefixes({"digital_workshop": "数车", "smart_factory": " "}, TIERS)
    assert "prefix_smart_factory" in missing.value.message_dict


def test_what_a_person_types_is_folded_to_the_stored_form() -> None:
    assert normalise(" 吉数车－２０２６－０００１ ") == "吉数车-2026-0001"
    assert normalise("吉数车—2026—0001") == "吉数车-2026-0001"
