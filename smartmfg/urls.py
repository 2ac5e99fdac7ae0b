from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from smartmfg.api.main import api

admin.site.site_header = _("示范工厂（车间）培育认定平台 · 管理后台")
admin.site.site_title = _("管理后台")
admin.site.index_title = _("基础数据管理")

urlpatterns = [
    path("", include("smartmfg.public.urls")),
    path("", include("smartmfg.public.notice_urls")),
    path("", include("smartmfg.public.objection_urls")),
    path("", include("smartmfg.public.opendata_urls")),
    path("accounts/", include("smartmfg.accounts.urls")),
    path("enterprises/", include("smartmfg.enterprises.urls")),
    path("applications/", include("smartmfg.workflow.urls")),
    path("apply/", include("smartmfg.wizard.urls")),
    path("department/calls/", include("smartmfg.calls.urls")),
    path("department/support/", include("smartmfg.support.urls")),
    path("department/", include("smartmfg.evaluations.urls")),
    path("review/", include("smartmfg.reviews.urls")),
    path("", include("smartmfg.experts.urls")),
    path("", include("smartmfg.scoring.urls")),
    path("", include("smartmfg.visits.urls")),
    path("", include("smartmfg.notices.urls")),
    path("inbox/", include("smartmfg.inbox.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
