from django.urls import path

from smartmfg.evaluations import views

app_name = "department"
urlpatterns = [
    path("", views.department_home, name="home"),
]
