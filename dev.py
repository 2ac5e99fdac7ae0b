#!/usr/bin/env python3
"""The two commands of the README, needing nothing but Python 3.

    python3 dev.py serve   # virtual environment, install, migrate, demo data, serve on :8000
    python3 dev.py test    # the whole test suite (extra arguments go to pytest)

The virtual environment lives in ``.venv`` and is (re)installed when
``pyproject.toml`` changes; the data (SQLite database, uploaded files) in ``data/``.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"


def run(*command: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], check=True, cwd=ROOT, env=env)


def ensure_installed() -> None:
    """Create the virtual environment and install the project, unless already done for this pyproject."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PYTHON.exists():
        print(f"Creating the virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    STAMP.write_text(wanted)


def smartmfg_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DEBUG", "true")
    env.setdefault("SMARTMFG_DATA_DIR", str(ROOT / "data"))
    return env


def serve(args: list[str]) -> None:
    ensure_installed()
    env = smartmfg_env()
    smartmfg = BIN / "smartmfg"
    run(smartmfg, "migrate", "--no-input", env=env)
    run(smartmfg, "seed-demo", env=env)
    address = args[0] if args else "127.0.0.1:8000"
    print(f"\nThe platform is at http://{address}/ (Ctrl+C stops it)\n", flush=True)
    run(smartmfg, "runserver", address, env=env)


def test(args: list[str]) -> None:
    ensure_installed()
    workers = [] if any(a.startswith("-n") for a in args) else ["-n", "auto"]
    run(PYTHON, "-m", "pytest", *workers, *args)


def main() -> None:
    commands = {"serve": serve, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        sys.exit(2)
    try:
        commands[sys.argv[1]](sys.argv[2:])
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
