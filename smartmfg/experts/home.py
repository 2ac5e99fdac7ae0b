"""The expert's home page (评审任务) is shared by the stages that give experts work.

The invitations and declarations are this app's; the stages built on it
(the scoring, the on-site visits) add their own section through ``section``
from their ``AppConfig.ready``, so that this app never imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from smartmfg.accounts.http import AuthedRequest

# A section: the template to include and its context, or None when it has nothing to show.
Section = Callable[[AuthedRequest], tuple[str, dict[str, Any]] | None]
SECTIONS: list[Section] = []


def section(provider: Section) -> Section:
    """Register a section of the expert's home page (in the order the apps are loaded)."""
    SECTIONS.append(provider)
    return provider


def sections(request: AuthedRequest) -> list[tuple[str, dict[str, Any]]]:
    return [shown for provider in SECTIONS if (shown := provider(request)) is not None]
