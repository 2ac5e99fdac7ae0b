from django.urls import path

from smartmfg.notices import views

app_name = "notices"
# The Department's pages under department/ (its navigation), the enterprise's answer and the published
# list's files under notices/, beside the public notice pages.
urlpatterns = [
    path("department/notices/calls/<int:call>/start/", views.start, name="start"),
    path("department/notices/calls/<int:call>/publish/", views.publish, name="publish"),
    path("department/notices/<int:pk>/", views.manage, name="manage"),
    path("department/notices/<int:pk>/objections/", views.add_objection, name="add_objection"),
    path("department/notices/<int:pk>/end/", views.end, name="end"),
    path("department/notices/<int:pk>/extend/", views.extend, name="extend"),
    path("department/notices/objections/<int:pk>/decide/", views.decide_objection, name="decide_objection"),
    path("department/notices/objections/<int:pk>/ask/", views.ask_enterprise, name="ask_enterprise"),
    path("department/notices/objections/<int:pk>/reply/", views.reply_objector, name="reply_objector"),
    path("department/notices/objections/files/<int:pk>/", views.objection_file, name="objection_file"),
    path("notices/questions/<int:pk>/", views.answer_objection, name="answer_objection"),
    path(
        "notices/publications/<int:pk>/list.docx", views.publication_document, {"kind": "docx"}, name="publication_docx"
    ),
    path("notices/publications/<int:pk>/list.pdf", views.publication_document, {"kind": "pdf"}, name="publication_pdf"),
]
