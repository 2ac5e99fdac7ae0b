"""The public's objections (第十条): the form of one entry, its check page, the receipt and the private link."""

from django.urls import path

from smartmfg.public import objection_views

app_name = "objections"
urlpatterns = [
    path("notices/<int:notice>/entries/<int:application>/objection/", objection_views.file, name="file"),
    path(
        "notices/<int:notice>/entries/<int:application>/objection/check/<str:draft>/",
        objection_views.check,
        name="check",
    ),
    path("objections/<str:token>/", objection_views.status, name="status"),
    path("objections/<str:token>/receipt/", objection_views.receipt, name="receipt"),
]
