#!/usr/bin/env python3
"""Check that the English catalogue covers every string and is compiled.

Chinese is the source language; ``smartmfg/locale/en/LC_MESSAGES/django.po``
translates it. This extracts the strings afresh into a scratch copy of the
catalogue (the committed files are never touched) and fails when a string
is missing, untranslated or fuzzy, or when the compiled ``django.mo`` is not
the compilation of the committed ``django.po``.

Needs GNU gettext (``msgfmt``, ``xgettext``, ``msgattrib``): ``apt install gettext``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "smartmfg" / "locale" / "en" / "LC_MESSAGES"
IGNORE = [".venv/*", "tests/*", "bench/*", "docs/*", "artifacts/*", "tools/*", "build/*", "data/*"]


def extract(into: Path) -> Path:
    """Run makemessages on a scratch copy of the source tree; return the new .po file."""
    shutil.copytree(ROOT / "smartmfg", into / "smartmfg", ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "smartmfg.settings", "SECRET_KEY": "check", "PYTHONPATH": str(into)}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "en",
            "--no-obsolete",
            "--no-location",
            *(f"--ignore={p}" for p in IGNORE),
        ],
        cwd=into / "smartmfg",
        env=env,
        check=True,
        capture_output=True,
    )
    return into / "smartmfg" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def problems(po: Path) -> list[str]:
    found = []
    for flag, what in (("--untranslated", "untranslated"), ("--only-fuzzy", "fuzzy")):
        out = subprocess.run(["msgattrib", flag, "--no-wrap", str(po)], capture_output=True, text=True, check=True)
        ids = [line[7:-1] for line in out.stdout.splitlines() if line.startswith('msgid "') and line != 'msgid ""']
        found += [f"{what}: {i}" for i in ids]
    return found


def stale_mo() -> bool:
    with tempfile.TemporaryDirectory() as scratch:
        compiled = Path(scratch) / "django.mo"
        subprocess.run(["msgfmt", "-o", str(compiled), str(CATALOGUE / "django.po")], check=True)
        committed = CATALOGUE / "django.mo"
        return not committed.exists() or committed.read_bytes() != compiled.read_bytes()


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        fresh = extract(Path(scratch))
        missing = problems(fresh)
    if missing:
        print(f"The English catalogue misses {len(missing)} string(s):")
        print("\n".join(f"  {m}" for m in missing[:50]))
        print("Run: smartmfg makemessages -l en --no-location --ignore=.venv ... then translate and compilemessages")
        return 1
    if stale_mo():
        print("smartmfg/locale/en/LC_MESSAGES/django.mo is not compiled from django.po: run smartmfg compilemessages")
        return 1
    print("English catalogue complete and compiled.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
