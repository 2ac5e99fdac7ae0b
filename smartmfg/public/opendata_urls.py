from django.urls import path

from smartmfg.certificates import views as certificates
from smartmfg.public import opendata_views

app_name = "opendata"
urlpatterns = [
    path("results/<int:pk>.csv", opendata_views.publication_data, {"kind": "csv"}, name="publication_csv"),
    path("results/<int:pk>.xlsx", opendata_views.publication_data, {"kind": "xlsx"}, name="publication_xlsx"),
    path("results/<int:pk>.json", opendata_views.publication_data, {"kind": "json"}, name="publication_json"),
    path("results/dictionary/", opendata_views.dictionary, name="dictionary"),
    path("verify/", certificates.verify_form, name="verify_form"),
    path("verify/<str:number>/", certificates.verify, name="verify"),
    path("certificates/<int:pk>.pdf", certificates.certificate_pdf, name="certificate_pdf"),
    path("department/certificates/calls/<int:call>/", certificates.series, name="series"),
]
