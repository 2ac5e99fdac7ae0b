from django.urls import path

from smartmfg.notices import views

app_name = "notices"
urlpatterns = [
    path("manage/calls/<int:call>/start/", views.start, name="start"),
    path("manage/calls/<int:call>/publish/", views.publish, name="publish"),
    path("manage/<int:pk>/", views.manage, name="manage"),
    path("manage/<int:pk>/objections/", views.add_objection, name="add_objection"),
    path("manage/<int:pk>/end/", views.end, name="end"),
    path("manage/<int:pk>/extend/", views.extend, name="extend"),
    path("manage/objections/<int:pk>/decide/", views.decide_objection, name="decide_objection"),
    path("publications/<int:pk>/list.docx", views.publication_document, {"kind": "docx"}, name="publication_docx"),
    path("publications/<int:pk>/list.pdf", views.publication_document, {"kind": "pdf"}, name="publication_pdf"),
]
