from django.urls import path

from smartmfg.support import views

app_name = "support"
urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("applications/<int:pk>/grant/", views.grant, name="grant"),
    path("grants/<int:pk>/payment/", views.payment, name="payment"),
]
