"""The project's URLs with a stand-in objection form (``objections:file``), whether the real one exists or not."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLResolver, include, path

from smartmfg.urls import urlpatterns as project


def form(request: HttpRequest, notice: int, application: int) -> HttpResponse:
    return HttpResponse("form")


stand_in = ([path("notices/<int:notice>/objections/<int:application>/", form, name="file")], "objections")
urlpatterns = [p for p in project if not (isinstance(p, URLResolver) and p.namespace == "objections")] + [
    path("", include(stand_in))
]
