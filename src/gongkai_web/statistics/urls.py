from django.urls import URLPattern, URLResolver, path

from gongkai_web.statistics import views

app_name = "statistics"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("<int:year>/", views.annual, name="annual"),
    path("<int:year>/json/", views.annual_json, name="annual_json"),
]
