from django.urls import path

from smartmfg.inbox import views

app_name = "inbox"
urlpatterns = [
    path("", views.message_list, name="list"),
    path("<int:pk>/read/", views.mark_read, name="read"),
]
