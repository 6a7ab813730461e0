from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, path

from gongkai_web.office import views

app_name = "office"

urlpatterns: list[URLPattern | URLResolver] = [
    path("login/", auth_views.LoginView.as_view(template_name="office/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.queue_view, name="queue"),
    path("register/", views.register_view, name="register"),
    path("cases/<int:pk>/", views.case_view, name="case"),
    path("cases/<int:pk>/assign/", views.assign_view, name="assign"),
    path("cases/<int:pk>/actions/<str:action>/", views.step_view, name="step"),
    path("cases/<int:pk>/attachments/<int:attachment_pk>/", views.attachment_view, name="attachment"),
]
