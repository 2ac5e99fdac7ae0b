"""The scoring pages (第九条): the expert's review of one application, the leader's panel, the Department's."""

from django.urls import path

from smartmfg.scoring.views import department, expert

app_name = "scoring"
urlpatterns = [
    # The expert: one application beside its sheet, check and submit; the signed sheet.
    path("expert/reviews/<int:pk>/", expert.score, name="score"),
    path("expert/reviews/<int:pk>/check/", expert.check, name="check"),
    path("scores/<int:pk>/sheet.pdf", expert.sheet_pdf, name="sheet_pdf"),
    # The panel leader (组长).
    path("expert/panels/<int:pk>/", expert.panel, name="panel"),
    path("expert/panels/<int:pk>/applications/<int:application>/", expert.propose, name="propose"),
    # The Department.
    path("department/stages/<int:call>/scoring/", department.call_reviews, name="call"),
    path("department/stages/<int:call>/sheets/<str:tier>/", department.sheet, name="sheet"),
    path("department/draws/<int:pk>/review/open/", department.open_review, name="open"),
    path("department/reviews/<int:pk>/", department.round_detail, name="round"),
    path("department/reviews/<int:pk>/extend/", department.extend, name="extend"),
    path("department/reviews/<int:pk>/leader/", department.leader, name="leader"),
    path(
        "department/reviews/<int:pk>/applications/<int:application>/", department.application_scores, name="application"
    ),
    path("department/reviews/<int:pk>/summary.<str:fmt>", department.summary, name="summary"),
    path("department/seats/<int:pk>/replace/", department.replace, name="replace"),
    path("department/conclusions/<int:pk>/confirm/", department.confirm, name="confirm"),
]
