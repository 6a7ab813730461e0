"""The public pages of 建议提案办理结果 under /proposals/."""

from django.urls import URLPattern, URLResolver, path

from gongkai_web.proposals import public_views

app_name = "public_proposals"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", public_views.index, name="index"),
    path("<int:body_id>/", public_views.body_replies, name="body"),
    path("<int:body_id>/year/<int:year>/", public_views.body_replies, name="year"),
    path("<int:body_id>/reply/<int:pk>/", public_views.reply, name="reply"),
]
