from django.urls import path

from smartmfg.enterprises import views

app_name = "enterprises"
urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("profile/", views.profile, name="profile"),
    path("all/", views.enterprise_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
]
