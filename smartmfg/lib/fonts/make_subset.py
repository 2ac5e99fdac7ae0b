"""Rebuild the letter font: Noto Serif CJK SC Regular cut down to GB 2312.

Run once at build time, where the full font is installed (Debian:
``fonts-noto-cjk``) and fontTools is available::

    python make_subset.py /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc

The PDF letters embed only the glyphs they use; this file only keeps the
package small (GB 2312: 6,763 hanzi, symbols, full-width forms, ASCII).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset  # type: ignore[import-untyped]
from fontTools.ttLib import TTCollection  # type: ignore[import-untyped]

OUTPUT = Path(__file__).with_name("NotoSerifSC-Regular-GB2312.otf")
SIMPLIFIED_CHINESE_FACE = "NotoSerifCJKsc-Regular"
EXTRA = "〔〕—‘’“”…·、。，；：？！（）《》【】％＋－×÷≥≤¥￥"


def gb2312() -> set[str]:
    """Every character of GB 2312 (rows 0xA1-0xF7, cells 0xA1-0xFE), with ASCII."""
    chars = {chr(code) for code in range(0x20, 0x7F)}
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars | set(EXTRA)


def main(source: str) -> None:
    faces = [f for f in TTCollection(source).fonts if f["name"].getDebugName(6) == SIMPLIFIED_CHINESE_FACE]
    font = faces[0]
    options = subset.Options()
    options.layout_features = ["kern", "palt", "halt", "locl", "vert"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in gb2312()))
    subsetter.subset(font)
    font.save(OUTPUT)


if __name__ == "__main__":
    main(sys.argv[1])
