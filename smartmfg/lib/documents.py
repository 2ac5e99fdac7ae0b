"""What every document the platform issues shares: the Chinese font it embeds.

``fonts/`` holds a GB 2312 subset of Noto Serif CJK (``fonts/README.md`` says
how it was made), shipped in the package so a PDF renders the same on a
server without any Chinese font installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

FONT_FILE: Final = Path(__file__).resolve().parent / "fonts" / "NotoSerifSC-Regular-GB2312.otf"
