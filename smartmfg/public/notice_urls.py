"""The public notices of 第十条: anyone reads them, signed in or not (see ``access.public_notices``)."""

from django.urls import path
from django.views.decorators.http import require_GET

from smartmfg.public import notice_views

app_name = "public_notices"
urlpatterns = [
    path("notices/", notice_views.index, name="index"),
    path("notices/<int:pk>/", notice_views.notice, name="notice"),
    path("feed.atom", require_GET(notice_views.NoticesFeed()), name="feed"),
]
