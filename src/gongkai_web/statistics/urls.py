from django.urls import URLPattern, URLResolver

app_name = "statistics"

urlpatterns: list[URLPattern | URLResolver] = []
