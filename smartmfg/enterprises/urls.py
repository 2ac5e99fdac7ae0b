from django.urls import path

from smartmfg.enterprises import record_views, views
from smartmfg.wizard import home

app_name = "enterprises"
urlpatterns = [
    path("", home.workspace, name="workspace"),
    path("profile/", home.profile, name="profile"),
    path("all/", views.enterprise_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/records/<slug:kind>/", record_views.add_record, name="add_record"),
]
