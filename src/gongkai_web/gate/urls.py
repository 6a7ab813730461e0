"""The office's gate pages under /office/gate/."""

from django.urls import URLPattern, URLResolver, path

from gongkai_web.gate import views

app_name = "gate"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("<int:body_id>/", views.rules, name="rules"),
    path("<int:body_id>/check/", views.trial, name="trial"),
]
