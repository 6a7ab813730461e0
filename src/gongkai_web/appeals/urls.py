from django.urls import URLPattern, URLResolver, path

from gongkai_web.appeals import views

app_name = "appeals"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.appeal_list, name="list"),
    path("cases/", views.find_case, name="find_case"),
    path("cases/<int:application_id>/", views.case_appeals, name="case"),
    path("cases/<int:application_id>/reviews/new/", views.record_review, name="record_review"),
    path("cases/<int:application_id>/suits/new/", views.record_suit, name="record_suit"),
    path("reviews/<int:pk>/conclude/", views.conclude_review, name="conclude_review"),
    path("suits/<int:pk>/conclude/", views.conclude_suit, name="conclude_suit"),
]
