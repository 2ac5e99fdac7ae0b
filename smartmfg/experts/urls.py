"""The experts' pages: the Department's pool, draws and assignments; the expert's own home."""

from django.urls import path

from smartmfg.experts.views import draws, expert, pool

app_name = "experts"
urlpatterns = [
    # The expert's own pages (第九条).
    path("expert/", expert.home, name="home"),
    path("expert/me/", expert.my_record, name="my_record"),
    path("expert/invitations/<int:pk>/accept/", expert.accept, name="accept"),
    path("expert/invitations/<int:pk>/decline/", expert.decline, name="decline"),
    path("expert/seats/<int:pk>/", expert.declare, name="declare"),
    # The Department's pool (专家库).
    path("department/experts/", pool.pool, name="pool"),
    path("department/experts/new/", pool.add, name="add"),
    path("department/experts/import/", pool.import_pool, name="import"),
    path("department/experts/import/template.xlsx", pool.import_template, name="import_template"),
    path("department/experts/<int:pk>/", pool.detail, name="detail"),
    path("department/experts/<int:pk>/edit/", pool.edit, name="edit"),
    path("department/experts/<int:pk>/status/", pool.status, name="status"),
    path("department/experts/<int:pk>/conflicts/", pool.add_conflict, name="add_conflict"),
    path("department/experts/<int:pk>/waivers/", pool.waive, name="waive"),
    path("department/experts/ratings/<int:call>/", pool.ratings, name="ratings"),
    # The Department's draws and assignments for a call.
    path("department/stages/<int:call>/draws/", draws.draw_list, name="draws"),
    path("department/stages/<int:call>/draws/new/", draws.new_draw, name="new_draw"),
    path("department/draws/<int:pk>/", draws.detail, name="draw"),
    path("department/draws/<int:pk>/exclude/", draws.exclude, name="exclude"),
    path("department/draws/<int:pk>/freeze/", draws.freeze, name="freeze"),
    path("department/draws/<int:pk>/run/", draws.run, name="run"),
    path("department/draws/<int:pk>/document.json", draws.document, name="document"),
    path("department/draws/<int:pk>/expire/", draws.expire, name="expire"),
    path("department/invitations/<int:pk>/release/", draws.release, name="release"),
    path("department/draws/<int:pk>/pairs/", draws.pair_rule, name="pair_rule"),
    path("department/draws/<int:pk>/proposal/", draws.propose, name="propose"),
    path("department/proposals/<int:pk>/", draws.proposal, name="proposal"),
    path("department/proposals/<int:pk>/commit/", draws.commit, name="commit"),
]
