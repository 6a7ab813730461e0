"""The oversight pages under /office/oversight/."""

from django.urls import URLPattern, URLResolver, path

from gongkai_web.oversight import views

app_name = "oversight"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("<int:year>/", views.dashboard, name="dashboard"),
    path("<int:year>/charts/", views.charts, name="charts"),
    path("<int:year>/opendata.<slug:kind>", views.open_data, name="open_data"),
    path("<int:year>/<int:body_id>/", views.report, name="report"),
    path("<int:year>/<int:body_id>/compare/", views.compare, name="compare"),
    path("<int:year>/<int:body_id>/rollup/", views.rollup, name="rollup"),
    path("bodies/", views.bodies, name="bodies"),
    path("batches/", views.batches, name="batches"),
    path("batches/<int:pk>/", views.batch, name="batch"),
    path("files/<int:pk>/assign/", views.assign, name="assign"),
]
