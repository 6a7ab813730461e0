"""The public pages at the site's root."""

from django.urls import URLPattern, URLResolver, path

from gongkai_web.portal import views

app_name = "portal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("apply/<int:body_id>/", views.apply, name="apply"),
    path("apply/received/<path:code>/", views.received, name="received"),
    path("track/", views.track, name="track"),
    path("track/<path:code>/", views.status, name="status"),
]
