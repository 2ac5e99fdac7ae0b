"""The application form (/apply/): one URL per page, the files and sheets it handles, the submissions."""

from django.urls import path

from smartmfg.wizard import views

app_name = "apply"
urlpatterns = [
    path("start/<int:call_id>/<slug:tier>/", views.start, name="start"),
    path("<int:pk>/enterprise/", views.enterprise, name="enterprise"),
    path("<int:pk>/project/", views.project, name="project"),
    path("<int:pk>/investments/", views.investments, name="investments"),
    path("<int:pk>/investments/upload/", views.investments_upload, name="investments_upload"),
    path("<int:pk>/investments/template.xlsx", views.investments_template, name="investments_template"),
    path("<int:pk>/workshops/", views.workshops, name="workshops"),
    path("<int:pk>/avoided/", views.avoided, name="avoided"),
    path("<int:pk>/scenarios/", views.scenarios, name="scenarios"),
    path("<int:pk>/maturity/", views.maturity, name="maturity"),
    path("<int:pk>/attachments/", views.attachments, name="attachments"),
    path("<int:pk>/attachments/<int:attachment_id>/remove/", views.attachment_remove, name="attachment_remove"),
    path("<int:pk>/commitment/", views.commitment, name="commitment"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/submissions/<int:number>/", views.submission, name="submission"),
]
