"""The project's URLs without the online objection form: the notice pages must work before it exists."""

from __future__ import annotations

from django.urls import URLResolver

from smartmfg.urls import urlpatterns as project

urlpatterns = [p for p in project if not (isinstance(p, URLResolver) and p.namespace == "objections")]
