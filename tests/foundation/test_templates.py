"""Pages obey the site's Content-Security-Policy: no inline styles or scripts, nothing from elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "smartmfg" / "templates").rglob("*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p).split("templates/")[-1])
def test_no_inline_style_script_or_remote_resource(template: Path) -> None:
    text = template.read_text()
    if template.name.endswith("_document.html"):
        pytest.skip("a document rendered to PDF, never served to a browser")
    assert not re.search(r"\sstyle=\"", text), "inline style attribute"
    assert "<style" not in text, "inline style element"
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline script"
    assert not re.search(r"""(src|href)=["']https?://""", text), "resource from another site"
    assert not re.search(r"\son(click|change|submit|load)=", text), "inline event handler"
