"""Public pages at the root, the office's pages under /office/, the API under /api/v1/."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("gongkai_web.portal.urls")),
    path("office/", include("gongkai_web.office.urls")),
    path("office/letters/", include("gongkai_web.letters.urls")),
    path("letters/", include("gongkai_web.letters.public_urls")),
    path("office/appeals/", include("gongkai_web.appeals.urls")),
    path("office/statistics/", include("gongkai_web.statistics.urls")),
    path("office/registers/", include("gongkai_web.registers.urls")),
    path("office/gate/", include("gongkai_web.gate.urls")),
    path("", include("gongkai_web.messages.urls")),
    path("office/oversight/", include("gongkai_web.oversight.urls")),
    path("office/proposals/", include("gongkai_web.proposals.urls")),
    path("proposals/", include("gongkai_web.proposals.public_urls")),
    path("api/v1/", include("gongkai_web.api.urls")),
    path("", include("gongkai_web.reports.urls")),
    path("", include("gongkai_web.catalogue.urls")),
    path("admin/", admin.site.urls),
]
