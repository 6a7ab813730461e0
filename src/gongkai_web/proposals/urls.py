from django.urls import URLPattern, URLResolver, path

from gongkai_web.proposals import views

app_name = "proposals"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("<int:body_id>/year/<int:year>/", views.year_list, name="year"),
    path("<int:body_id>/add/", views.add, name="add"),
    path("<int:body_id>/import/", views.import_file, name="import"),
    path("<int:body_id>/<int:pk>/", views.detail, name="detail"),
    path("<int:body_id>/<int:pk>/co/<int:co_pk>/opinion/", views.record_opinion, name="opinion"),
    path("<int:body_id>/<int:pk>/reply/", views.record_reply, name="reply"),
    path("<int:body_id>/<int:pk>/feedback/", views.record_feedback, name="feedback"),
    path("<int:body_id>/<int:pk>/publication/", views.request_publication, name="request_publication"),
    path("<int:body_id>/<int:pk>/reply/revise/", views.revise_reply, name="revise"),
    path("<int:body_id>/<int:pk>/publish/", views.publish, name="publish"),
]
