"""The public message pages under /messages/ and the office's under /office/messages/ (one include)."""

from django.urls import URLPattern, URLResolver, path

from gongkai_web.messages import office_views, public_views

app_name = "public_messages"

urlpatterns: list[URLPattern | URLResolver] = [
    path("messages/", public_views.index, name="index"),
    path("messages/track/", public_views.track, name="track"),
    path("messages/track/<path:code>/", public_views.status, name="status"),
    path("messages/received/<path:code>/", public_views.received, name="received"),
    path("messages/<int:body_id>/", public_views.body_messages, name="body"),
    path("messages/<int:body_id>/write/", public_views.write, name="write"),
    path("messages/<int:body_id>/<int:pk>/", public_views.published, name="published"),
    path("office/messages/", office_views.index, name="office_index"),
    path("office/messages/<int:body_id>/", office_views.queue, name="office_queue"),
    path("office/messages/<int:body_id>/statistics/", office_views.statistics, name="office_statistics"),
    path("office/messages/<int:body_id>/settings/", office_views.limit_settings, name="office_settings"),
    path("office/messages/item/<int:pk>/", office_views.detail, name="office_message"),
    path("office/messages/item/<int:pk>/route/", office_views.route, name="office_route"),
    path("office/messages/item/<int:pk>/answer/", office_views.answer, name="office_answer"),
    path("office/messages/item/<int:pk>/revise/", office_views.revise, name="office_revise"),
    path("office/messages/item/<int:pk>/publish/", office_views.publish, name="office_publish"),
    path("office/messages/item/<int:pk>/withhold/", office_views.withhold, name="office_withhold"),
    path("office/messages/item/<int:pk>/spam/", office_views.spam, name="office_spam"),
    path("office/messages/item/<int:pk>/petition/", office_views.petition, name="office_petition"),
    path("office/messages/item/<int:pk>/convert/", office_views.convert, name="office_convert"),
]
