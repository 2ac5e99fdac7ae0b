from django.urls import path

from smartmfg.evaluations import views

app_name = "department"
urlpatterns = [
    path("", views.department_home, name="home"),
    path("stages/", views.stage_index, name="stages"),
    path("stages/<int:call>/", views.call_overview, name="call"),
    path("stages/<int:call>/requalify/", views.requalify, name="requalify"),
    path("stages/<int:call>/experts/", views.experts, name="experts"),
    path("stages/<int:call>/deliberation/", views.deliberation, name="deliberation"),
    path("stages/<int:call>/cultivation/", views.cultivation, name="cultivation"),
    path("deliberations/<int:pk>/", views.deliberation_detail, name="deliberation_detail"),
    path("revocations/", views.revocations, name="revocations"),
    path("revocations/<int:pk>/", views.revocation, name="revocation"),
    path("revocations/<int:pk>/recoveries/", views.add_recovery, name="add_recovery"),
]
