from django.urls import path

from smartmfg.reviews import views

app_name = "reviews"
urlpatterns = [
    path("bureau/", views.bureau_home, name="bureau_home"),
    path("applications/<int:pk>/judgements/<slug:rule>/", views.judgement, name="judgement"),
    path("letters/", views.letter_list, name="letters"),
    path("letters/new/", views.letter_new, name="letter_new"),
    path("letters/<int:pk>/", views.letter_detail, name="letter_detail"),
    path("letters/<int:pk>/edit/", views.letter_edit, name="letter_edit"),
    path("letters/<int:pk>/send/", views.letter_send, name="letter_send"),
    path("letters/<int:pk>/cancel/", views.letter_cancel, name="letter_cancel"),
    path("letters/<int:pk>/<slug:kind>/", views.letter_document, name="letter_document"),
]
