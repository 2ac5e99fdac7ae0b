from django.urls import path

from smartmfg.enterprises import record_views, views

app_name = "enterprises"
urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("profile/", views.profile, name="profile"),
    path("all/", views.enterprise_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/records/<slug:kind>/", record_views.add_record, name="add_record"),
]
