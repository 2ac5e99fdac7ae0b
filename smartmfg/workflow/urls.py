"""The application's page, shared by every role: content, verdict, steps, history (namespace ``applications``)."""

from django.urls import path

from smartmfg.workflow import views

app_name = "applications"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/verdict/", views.verdict, name="verdict"),
    path("<int:pk>/steps/<slug:action>/", views.take_step, name="step"),
    path("<int:pk>/files/<int:attachment_id>/", views.attachment, name="attachment"),
]
