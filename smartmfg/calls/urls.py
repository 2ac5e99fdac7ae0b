from django.urls import path

from smartmfg.calls import views

app_name = "calls"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
]
