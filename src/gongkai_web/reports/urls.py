"""The public 年报专栏 under /reports/ and the office's pages under /office/reports/ (one include)."""

from django.urls import URLPattern, URLResolver, path

from gongkai_web.reports import public, views

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("reports/", public.index, name="public_index"),
    path("reports/<int:body_id>/", public.body_reports, name="public_body"),
    path("reports/<int:body_id>/<int:year>/", public.year_report, name="public_year"),
    path("reports/<int:body_id>/<int:year>/v<int:number>/", public.version_report, name="public_version"),
    path(
        "reports/<int:body_id>/<int:year>/v<int:number>/<str:kind>/", public.version_file, name="public_file"
    ),
    path("office/reports/", views.index, name="index"),
    path("office/reports/<int:body_id>/<int:year>/", views.builder, name="builder"),
    path("office/reports/<int:body_id>/<int:year>/publish/", views.publish, name="publish"),
    path("office/reports/<int:body_id>/<int:year>/baseline/", views.baseline, name="baseline"),
    path(
        "office/reports/<int:body_id>/<int:year>/baseline/confirm/",
        views.baseline_confirm,
        name="baseline_confirm",
    ),
    path(
        "office/reports/<int:body_id>/<int:year>/baseline/cancel/",
        views.baseline_cancel,
        name="baseline_cancel",
    ),
    path("office/reports/<int:body_id>/<int:year>/draft/<str:kind>/", views.draft_file, name="draft_file"),
]
