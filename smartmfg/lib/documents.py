"""What every document the platform issues shares: the Chinese font it embeds.

``fonts/`` holds a GB 2312 subset of Noto Serif CJK (``fonts/README.md`` says
how it was made), shipped in the package so a PDF renders the same on a
server without any Chinese font installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

FONT_FILE: Final = Path(__file__).resolve().parent / "fonts" / "NotoSerifSC-Regular-GB2312.otf"


def render_pdf(html: str) -> bytes:
    """A standalone HTML page (its ``@font-face`` pointing at ``FONT_FILE.as_uri()``) as PDF bytes."""
    from weasyprint import HTML  # heavy: loaded only when a PDF is asked for
    from weasyprint.text.fonts import FontConfiguration

    pdf: bytes = HTML(string=html, base_url=str(FONT_FILE.parent)).write_pdf(font_config=FontConfiguration())
    return pdf
