from django.urls import path

from smartmfg.calls import views
from smartmfg.eligibility import views as policy
from smartmfg.intake import views as intake

app_name = "calls"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/open/", views.open_call, name="open"),
    path("<int:pk>/close/", views.close_call, name="close"),
    path("<int:pk>/policy/", policy.policy, name="policy"),
    path("<int:pk>/import/", intake.import_applications, name="import"),
]
