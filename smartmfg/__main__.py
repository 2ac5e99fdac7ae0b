"""The ``smartmfg`` command: Django's management commands with our settings."""

from __future__ import annotations

import os
import sys

from django.core.management import execute_from_command_line

from smartmfg.lib.env import ConfigurationError


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartmfg.settings")
    try:
        execute_from_command_line(sys.argv)
    except ConfigurationError as problem:  # a setting that cannot be read: say which, without a traceback
        sys.exit(f"smartmfg: {problem} (see docs/operations.md)")


if __name__ == "__main__":
    main()
