"""Panels on an application's page, contributed by the apps that own them.

The application page is shared by every role; each stage of the procedure
adds what its people need (the enterprise's edit link, the bureau's
judgement form, the experts' conclusion...) without editing the page: an app
registers a panel in its ``AppConfig.ready()`` with the template to include
and a function that returns the panel's context, or None when the panel is
not for this user or this state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from smartmfg.applications.models import Application

PanelContext = Callable[[HttpRequest, Application], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    template: str
    context: PanelContext
    order: int


_PANELS: list[Panel] = []


def register_panel(template: str, context: PanelContext, *, order: int = 50) -> None:
    """Show ``template`` on the application page whenever ``context`` returns a dict."""
    if not any(p.template == template for p in _PANELS):
        _PANELS.append(Panel(template, context, order))
        _PANELS.sort(key=lambda p: p.order)


def panels_for(request: HttpRequest, application: Application) -> list[tuple[str, dict[str, Any]]]:
    shown = []
    for panel in _PANELS:
        context = panel.context(request, application)
        if context is not None:
            shown.append((panel.template, context))
    return shown
