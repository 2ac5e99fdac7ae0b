"""The spot checks' pages: the Department's spot draw, picks, scheduling and records; the experts' visits."""

from django.urls import path

from smartmfg.visits.views import department, expert

app_name = "visits"
urlpatterns = [
    # The Department (第九条): which applications get a visit, and each visit's record.
    path("department/stages/<int:call>/visits/", department.call_visits, name="call"),
    path("department/stages/<int:call>/visits/draw/", department.create_draw, name="create_draw"),
    path("department/stages/<int:call>/visits/pick/", department.pick, name="pick"),
    path("department/spot-draws/<int:pk>/freeze/", department.freeze_draw, name="freeze_draw"),
    path("department/spot-draws/<int:pk>/run/", department.run_draw, name="run_draw"),
    path("department/spot-draws/<int:pk>/document.json", department.draw_document, name="draw_document"),
    path("department/applications/<int:pk>/visit/", department.schedule, name="schedule"),
    path("department/visits/<int:pk>/", department.detail, name="detail"),
    path("department/visits/<int:pk>/report.pdf", department.report, name="report"),
    # The experts of a visit.
    path("expert/visits/", expert.mine, name="mine"),
    path("expert/visits/<int:pk>/", expert.visit, name="visit"),
    path("expert/visits/<int:pk>/sign/", expert.sign, name="sign"),
    path("expert/visit-items/<int:pk>/photos/", expert.add_photo, name="add_photo"),
    path("expert/visit-photos/<int:pk>/remove/", expert.remove_photo, name="remove_photo"),
    # A photo, to the visit's members and the Department.
    path("visits/photos/<int:pk>/", expert.photo, name="photo"),
]
