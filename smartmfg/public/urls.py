from django.urls import path

from smartmfg.public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("results/", views.results, name="results"),
    path("calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("draws/<int:pk>.json", views.draw_record, name="draw_record"),
    path("healthz", views.healthz, name="healthz"),
]
