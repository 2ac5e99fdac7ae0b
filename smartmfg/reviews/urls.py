from django.urls import path

from smartmfg.reviews import views

app_name = "reviews"
urlpatterns = [
    path("bureau/", views.bureau_home, name="bureau_home"),
    path("expert/", views.expert_home, name="expert_home"),
]
